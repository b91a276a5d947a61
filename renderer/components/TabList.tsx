import type { ReactNode } from "react";

/**
 * Tabs (the WAI-ARIA tabs pattern): one stop in the tab order, the selected
 * tab; arrows move between tabs and select them, mirrored right to left; Tab
 * moves into the panel. Tab `id` has the element id `${prefix}tab-${id}` and
 * controls `${prefix}panel-${id}`, which its panel must carry.
 */
export function TabList<Id extends string>({
  ids,
  selected,
  onSelect,
  label,
  prefix = "",
  className,
  children,
}: {
  ids: readonly Id[];
  selected: Id;
  onSelect: (id: Id) => void;
  label: string;
  prefix?: string;
  className?: string;
  /** The text of each tab. */
  children: (id: Id) => ReactNode;
}) {
  return (
    <div role="tablist" aria-label={label} className={className ? `tabs tablist ${className}` : "tabs tablist"}>
      {ids.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`${prefix}tab-${id}`}
          aria-selected={selected === id}
          aria-controls={`${prefix}panel-${id}`}
          className="tab"
          tabIndex={selected === id ? 0 : -1}
          onClick={() => onSelect(id)}
          onKeyDown={(e) => {
            const forward = document.documentElement.dir === "rtl" ? "ArrowLeft" : "ArrowRight";
            const backward = forward === "ArrowRight" ? "ArrowLeft" : "ArrowRight";
            const step = e.key === forward ? 1 : e.key === backward ? -1 : 0;
            if (step === 0) return;
            e.preventDefault();
            const next = ids[(ids.indexOf(selected) + step + ids.length) % ids.length] as Id;
            onSelect(next);
            document.getElementById(`${prefix}tab-${next}`)?.focus();
          }}
        >
          {children(id)}
        </button>
      ))}
    </div>
  );
}
