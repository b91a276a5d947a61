/** The problems of one field of the rubric editor, shown beside it (the field names this list in aria-describedby). */
export function FieldProblems({ id, problems }: { id: string; problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="field-problems" data-testid="field-problem">
      {problems.map((p, i) => (
        <li key={i} className="inline-problem">
          {p}
        </li>
      ))}
    </ul>
  );
}

/** The attributes a field takes when it has problems: marked invalid, described by their list. */
export const problemAttributes = (id: string, problems: readonly string[]) => (problems.length > 0 ? { "aria-invalid": true as const, "aria-describedby": id } : {});
