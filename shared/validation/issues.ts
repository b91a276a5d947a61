/** zod's issues as short "path: message" strings, for typed errors that reach a person. */
export type IssueList = { readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] };

export function describeIssues(error: IssueList): string[] {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
}
