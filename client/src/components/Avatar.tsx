import { initials } from '../lib/colors.ts';

/** A round badge with initials; the colour goes through CSSOM (Solid sets dynamic styles with setProperty), which the CSP allows. */
export function Avatar(props: { name: string; color: string; title?: string; size?: 'small' | 'normal' }) {
  return (
    <span class={`avatar ${props.size ?? 'normal'}`} style={{ '--avatar-color': props.color }} title={props.title ?? props.name} role="img" aria-label={props.title ?? props.name}>
      {initials(props.name)}
    </span>
  );
}
