"""
the same socket, between independent programs too, not only threads:
mode 1 runs the server in this process, mode 2 one client process,
mode 3 five client threads in this process; all use socket_preview's port
"""

import os, sys
from threading import Thread
from socket_preview import server, client           # same port number for both

mode = int(sys.argv[1])
if mode == 1:                                       # run the server in this process
    server()
elif mode == 2:                                     # run one client in this process
    client('client:process=%s' % os.getpid())
else:                                               # run 5 client threads
    for i in range(5):
        Thread(target=client, args=('client:thread=%s' % i,)).start()
