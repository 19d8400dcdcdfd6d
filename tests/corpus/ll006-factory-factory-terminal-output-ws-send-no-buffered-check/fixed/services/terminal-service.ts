import * as pty from 'node-pty';

type OutputListener = (output: string) => void;

class TerminalService {
  private terminals = new Map<string, pty.IPty>();
  private outputListeners = new Map<string, Set<OutputListener>>();

  create(terminalId: string, cwd: string): void {
    const term = pty.spawn(process.env.SHELL || 'bash', [], { cwd, cols: 80, rows: 24 });
    this.terminals.set(terminalId, term);
    term.onData((data) => {
      for (const listener of this.outputListeners.get(terminalId) ?? []) {
        listener(data);
      }
    });
    term.onExit(() => {
      this.terminals.delete(terminalId);
      this.outputListeners.delete(terminalId);
    });
  }

  write(terminalId: string, data: string): void {
    this.terminals.get(terminalId)?.write(data);
  }

  onOutput(terminalId: string, listener: OutputListener): () => void {
    let set = this.outputListeners.get(terminalId);
    if (!set) {
      set = new Set();
      this.outputListeners.set(terminalId, set);
    }
    set.add(listener);
    return () => set?.delete(listener);
  }
}

export const terminalService = new TerminalService();
