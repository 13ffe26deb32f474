// The parts of V8's .cpuprofile format (what `node --cpu-prof` writes) that the profile tools in
// bench/tools read: the call tree's nodes, and which node each sample fell in and when.

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
