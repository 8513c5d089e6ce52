/**
 * The one decoding step for text Slack sends us (slash command text, message text): Slack writes
 * `&`, `<` and `>` typed by people as `&amp;`, `&lt;` and `&gt;`, and its own markup in real angle
 * brackets (`<https://…|label>`, `<@U123|karim>`, `<#C123|plans>`, `<!here>`). Markup becomes what
 * the person saw, then the entities become the characters typed. Pure.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^subteam\^\w+$/, 'group')}`;
      // A link: the address, which is what `status <link>` needs (a label is only what was shown).
      return target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A measure drafted from a message (already decoded by fromSlackText): its first non-empty line
 * is the title, without list markers or bold/italic marks around it; the rest is the notes. Pure.
 */
export function measureFromMessage(text: string): { title: string; notes: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return { title: '', notes: '' };
  const title = lines[first]!.trim()
    .replace(/^(?:[-•*–>]\s+|\d+[.)]\s+)+/, '')
    .replace(/^([*_~]+)(.+?)\1$/, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    title,
    notes: lines
      .slice(first + 1)
      .join('\n')
      .trim(),
  };
}
