#!/usr/bin/env python3
"""An RS-485 line between the gateway and a simulated serial bus that only carries what the devices can decode.

A pty whose slave is linked at GATEWAY_LINK (the gateway opens it like a USB adapter) is joined to the simulator's
serial port DEVICE_PORT. Bytes the gateway sends reach the devices only while the gateway's port is set to the
devices' baud: at any other speed a real device sees framing errors and stays silent. (Parity cannot be told on a
pty: Linux clears PARENB of every pty. A receiver set to one stop bit accepts two, so stop bits are not checked.)

usage: line_pty.py GATEWAY_LINK DEVICE_PORT BAUD
"""
import os
import pty
import select
import signal
import sys
import termios
import tty

link, device_port, baud = sys.argv[1], sys.argv[2], int(sys.argv[3])
speed = getattr(termios, "B%d" % baud)

master, slave = pty.openpty()   # the slave stays open here too, so the master never reads EIO between the gateway's opens
tty.setraw(slave)
if os.path.lexists(link):
    os.remove(link)
os.symlink(os.ttyname(slave), link)
device = os.open(device_port, os.O_RDWR | os.O_NOCTTY)
carried = dropped = 0


def stop(*_):
    print("carried=%d dropped=%d" % (carried, dropped), flush=True)
    if os.path.islink(link):
        os.remove(link)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)


def line_matches():
    attrs = termios.tcgetattr(slave)
    return attrs[4] == speed and attrs[5] == speed


print("ready", flush=True)
while True:
    readable, _, _ = select.select([master, device], [], [])
    if master in readable:
        data = os.read(master, 512)
        if line_matches():
            os.write(device, data)
            carried += len(data)
        else:
            dropped += len(data)
    if device in readable:
        os.write(master, os.read(device, 512))
