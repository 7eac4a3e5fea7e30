#!/usr/bin/python3
"""Independent Modbus peer for the driver's tests: a pymodbus server with fixed register contents.

usage: modbus_server.py SPEC.json (--tcp PORT | --serial DEVICE [--baud N])

SPEC: {"units": {"1": {"hr": [..], "ir": [..], "co": [..], "di": [..]}}}, each list starting at address 0.
Reading past a list answers exception 2 (illegal data address); a unit id not in SPEC never answers.
"""
import argparse
import json
import logging

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.server import StartSerialServer, StartTcpServer
from pymodbus.transaction import ModbusRtuFramer


def block(values):
    # a block of length 0 would answer every read; keep at least one value
    return ModbusSequentialDataBlock(0, list(values) if values else [0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("spec")
    parser.add_argument("--tcp", type=int)
    parser.add_argument("--serial")
    parser.add_argument("--baud", type=int, default=9600)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    slaves = {}
    for unit, tables in spec["units"].items():
        slaves[int(unit)] = ModbusSlaveContext(
            hr=block(tables.get("hr")), ir=block(tables.get("ir")),
            co=block([bool(v) for v in tables.get("co", [])]),
            di=block([bool(v) for v in tables.get("di", [])]), zero_mode=True)
    context = ModbusServerContext(slaves=slaves, single=False)
    if args.tcp:
        StartTcpServer(context=context, address=("127.0.0.1", args.tcp), ignore_missing_slaves=True)
    else:
        StartSerialServer(context=context, framer=ModbusRtuFramer, port=args.serial, baudrate=args.baud,
                          bytesize=8, parity="N", stopbits=1, timeout=0.005, ignore_missing_slaves=True)


if __name__ == "__main__":
    main()
