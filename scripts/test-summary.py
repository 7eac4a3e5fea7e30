#!/usr/bin/env python3
"""Sums every JUnit XML report of the build (Surefire and bnd's in-framework tester) into one line:
'N passed, N failed, N skipped'. Exits 1 when a test failed, when nothing ran, or when a module that has tests ran
none (bnd's tester can find zero tests and still pass; this is where that gets caught)."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1] if len(sys.argv) > 1 else "."


def modules(top):
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if d not in ("target", "src", ".git", "node_modules")]
        if "pom.xml" in filenames:
            yield dirpath


def expects_tests(module):
    if os.path.isdir(os.path.join(module, "src", "test", "java")):
        return True
    return any(f.endswith(".bndrun") and "itest" in f for f in os.listdir(module))


total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
problems = []
for module in sorted(modules(root)):
    reports = glob.glob(os.path.join(module, "target", "surefire-reports", "TEST-*.xml")) + \
        glob.glob(os.path.join(module, "target", "test-reports", "**", "TEST-*.xml"), recursive=True)
    count = 0
    for report in reports:
        try:
            tree = ET.parse(report).getroot()
        except ET.ParseError as e:
            problems.append(f"{report}: unreadable report ({e})")
            continue
        suites = [tree] if tree.tag == "testsuite" else tree.findall("testsuite")
        for suite in suites:
            for key in total:
                total[key] += int(suite.get(key, 0))
            count += int(suite.get("tests", 0))
    name = os.path.relpath(module, root)
    if expects_tests(module) and count == 0:
        problems.append(f"module {name} has tests but ran none")
    if count:
        print(f"  {name}: {count} tests")

failed = total["failures"] + total["errors"]
passed = total["tests"] - failed - total["skipped"]
for p in problems:
    print(f"test-summary: {p}", file=sys.stderr)
print(f"{passed} passed, {failed} failed, {total['skipped']} skipped")
sys.exit(1 if failed or problems or total["tests"] == 0 else 0)
