import { GlyphCircle, GlyphCross, GlyphDiamond, GlyphSquare, GlyphStar, GlyphTriangle, GlyphWye } from "@visx/glyph";
import type { GroupStyle } from "./layout";

const GLYPHS = { circle: GlyphCircle, square: GlyphSquare, triangle: GlyphTriangle, diamond: GlyphDiamond, star: GlyphStar, cross: GlyphCross, wye: GlyphWye } as const;

/** One point of a group: its shape filled with its colour, outlined in the text colour so it shows on any background. */
export function Mark({ style, x, y, size = 90 }: { style: GroupStyle; x: number; y: number; size?: number }) {
  const Glyph = GLYPHS[style.shape];
  return <Glyph left={x} top={y} size={size} fill={style.colour} stroke="currentColor" strokeWidth={1} />;
}

/** A legend's sample of a group's mark, as a small SVG of its own (decoration: the group's name stands beside it). */
export function MarkSample({ style }: { style: GroupStyle }) {
  return (
    <svg className="mark-sample" width={16} height={16} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <Mark style={style} x={8} y={8} size={80} />
    </svg>
  );
}
