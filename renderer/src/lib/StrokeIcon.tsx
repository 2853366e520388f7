/** A line icon: `d` is a stroke path on a square of `box` units, drawn in the text's colour. */
export function StrokeIcon({ d, box = 16, size = 14 }: { d: string; box?: number; size?: number }) {
  return (
    <svg
      className="stroke-icon"
      viewBox={`0 0 ${box} ${box}`}
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth={box / 9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={d} />
    </svg>
  );
}
