"""
sockets between threads of one process: a server thread accepts and
replies, five client threads each connect, send a message and print the
reply; sockets are machine-wide, so other programs could talk to it too;
the port is 50008 as printed, or IPC_SCOPE_PORT when a test moves it
"""

import os
from socket import socket, AF_INET, SOCK_STREAM     # portable socket api

port = int(os.environ.get('IPC_SCOPE_PORT', 50008)) # port number on this machine
host = 'localhost'                                  # server and clients on one machine

def server():
    sock = socket(AF_INET, SOCK_STREAM)             # an ip address + tcp socket
    sock.bind(('', port))                           # bind to the port on this machine
    sock.listen(5)                                  # up to 5 pending clients
    while True:
        conn, addr = sock.accept()                  # wait for a client to connect
        data = conn.recv(1024)                      # read bytes from this client
        reply = 'server got: [%s]' % data           # the bytes repr: b'client0'
        conn.send(reply.encode())                   # send bytes back to the client

def client(name):
    sock = socket(AF_INET, SOCK_STREAM)
    sock.connect((host, port))                      # connect to the server's port
    sock.send(name.encode())                        # send bytes to the listener
    reply = sock.recv(1024)                         # receive up to 1024 bytes
    sock.close()
    print('client got: [%s]' % reply)

if __name__ == '__main__':
    from threading import Thread
    sthread = Thread(target=server)
    sthread.daemon = True                           # don't wait for the server thread
    sthread.start()
    for i in range(5):                              # do wait for the client threads
        Thread(target=client, args=('client%s' % i,)).start()
