document.getElementById('root')!.textContent = 'IPC Scope';
