"""
catch a signal in Python: pass signal number N on the command line, then
send it from a shell with "kill -N pid"; the handler stays in effect, so
every signal N is caught, and the loop waits in pause() between them
"""

import sys, signal, time

def now():
    return time.ctime(time.time())                  # the current time as text

def onSignal(signum, stackframe):                   # the Python-level handler
    print('Got signal', signum, 'at', now())

signum = int(sys.argv[1])
signal.signal(signum, onSignal)                     # install the handler
while True:
    signal.pause()                                  # wait for signals
