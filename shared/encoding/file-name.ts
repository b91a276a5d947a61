/** A safe file name stem from a person's or a case's name: letters, digits and hyphens only, at most 60 characters. */
export function fileStem(name: string, fallback = "identity"): string {
  const stem = name
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return stem || fallback;
}
