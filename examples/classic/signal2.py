"""
set and catch alarm signals in Python: the handler prints and arms the
next alarm in 5 seconds; the main code arms the first one, then waits in
pause() for signals (time.sleep does not mix well with alarm)
"""

import signal, time

def now():
    return time.ctime(time.time())                  # the current time as text

def onSignal(signum, stackframe):                   # the Python-level handler
    print('Got alarm', signum, 'at', now())
    signal.alarm(5)                                 # and the next one in 5 seconds

signal.signal(signal.SIGALRM, onSignal)             # install the handler
signal.alarm(5)                                     # first alarm in 5 seconds
while True:
    signal.pause()                                  # wait for signals
