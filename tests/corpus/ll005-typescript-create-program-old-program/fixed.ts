interface SourceFile { fileName: string; text: string }
interface Program {
  getSourceFiles(): SourceFile[];
  getSourceFile(name: string): SourceFile | undefined;
}

declare function readFile(name: string): string;

export function createProgram(rootNames: string[], oldProgram?: Program): Program {
  const files: SourceFile[] = [];

  // Reuses unchanged files of the previous program; this is the only place oldProgram is read.
  function tryReuseStructureFromOldProgram(): boolean {
    if (!oldProgram) return false;
    for (const old of oldProgram.getSourceFiles()) files.push(old);
    return files.length === rootNames.length;
  }

  if (!tryReuseStructureFromOldProgram()) {
    for (const name of rootNames) files.push({ fileName: name, text: readFile(name) });
  }

  // Unconditionally drop oldProgram so the closures below cannot keep it through the shared context.
  oldProgram = undefined;

  const program: Program = {
    getSourceFiles: () => files,
    getSourceFile: (name) => files.find((f) => f.fileName === name),
  };
  return program;
}

let program: Program | undefined;

// The language service rebuilds its program on every edit, handing the old one in for reuse.
export function synchronizeHostData(rootNames: string[]): void {
  program = createProgram(rootNames, program);
}
