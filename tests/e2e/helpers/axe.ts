import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

let source: Promise<string> | undefined;
const axeSource = () => (source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Runs axe-core in the page and returns its serious and critical violations. The script is
 * evaluated through the DevTools protocol, not added as a <script>, so the pages' strict
 * Content-Security-Policy stays as it is in production.
 */
export async function seriousViolations(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource());
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact!,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({
          target: node.target.map(String).join(' '),
          html: node.html.slice(0, 200),
          summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
        })),
      }));
  });
}

/** One violation per paragraph: the rule, then each element with why it fails. */
export function describeViolations(screen: string, problems: AxeProblem[]): string {
  return problems
    .map((problem) =>
      [`[${screen}] ${problem.impact} ${problem.id}: ${problem.help}`, ...problem.nodes.map((node) => `    ${node.target}\n      ${node.html}\n      ${node.summary}`)].join('\n'),
    )
    .join('\n\n');
}

/** Fails with every serious or critical violation of the page printed in full. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const problems = await seriousViolations(page);
  if (problems.length > 0) throw new Error(`axe-core found ${problems.length} serious or critical violation(s):\n${describeViolations(screen, problems)}`);
}
