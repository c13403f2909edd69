export type YamlPath = (string | number)[];

/** A problem in a policy file, located for an editor: `file:line:col: message`. */
export interface PolicyProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** A semantic problem before it is located: the path into the document, and optionally a key there. */
export interface SemanticProblem {
  path: YamlPath;
  key?: string;
  message: string;
}
