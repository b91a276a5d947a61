import { useEffect, useState, type InputHTMLAttributes } from "react";

/**
 * A number field that keeps what is typed (a half-typed "4." or an empty
 * field stays as it is) and reports the number it reads: NaN when it reads
 * none, which the rubric's schema then refuses, next to the field.
 */
export function NumberInput({ value, onValue, ...rest }: { value: number; onValue: (value: number) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type">) {
  const [text, setText] = useState(Number.isFinite(value) ? String(value) : "");
  // A value changed from outside (a discard, a reload) replaces what is shown.
  useEffect(() => {
    setText((shown) => {
      const same = shown.trim() === "" ? Number.isNaN(value) : Number(shown) === value;
      return same ? shown : Number.isFinite(value) ? String(value) : "";
    });
  }, [value]);
  return (
    <input
      {...rest}
      type="number"
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValue(e.target.value.trim() === "" ? Number.NaN : Number(e.target.value));
      }}
    />
  );
}
