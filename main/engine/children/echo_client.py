"""
The classic socket client: connect to the echo server, send one message,
print what comes back. Host and port come from the command line.
"""
import os
import sys
from socket import socket, AF_INET, AF_INET6, SOCK_STREAM

serverHost = sys.argv[1] if len(sys.argv) > 1 else 'localhost'
serverPort = int(sys.argv[2]) if len(sys.argv) > 2 else 50008

try:
    s = socket(AF_INET6 if ':' in serverHost else AF_INET, SOCK_STREAM)
    s.connect((serverHost, serverPort))
    s.send(b'client:process=%d' % os.getpid())
    data = s.recv(1024)
    s.close()
except OSError as error:
    print('echo_client.py: cannot talk to %s:%d: %s' % (serverHost, serverPort, error), file=sys.stderr)
    sys.exit(1)

if not data:
    print('echo_client.py: the server closed the connection without replying', file=sys.stderr)
    sys.exit(1)
print('client got: [%s]' % data)
