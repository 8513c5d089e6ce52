import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { eventually } from '../helpers/collab.ts';
import { collabSuite } from '../helpers/collab-suite.ts';
import { metricValue } from '../helpers/child-server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

const CHARS_PER_SECOND = 100;
const SECONDS = 20;

/**
 * Typing never costs an edit: a stock provider typing 100 characters a second for 20 seconds,
 * with a cursor (awareness) change on every keystroke as an editor sends it, is never
 * disconnected, and every character reaches the others and the database.
 */
describe('a fast typist', () => {
  const suite = collabSuite();

  it(`types ${CHARS_PER_SECOND} characters/s for ${SECONDS} s with a cursor per keystroke: no disconnect, nothing lost`, async () => {
    const typist = suite.connect(0);
    const observer = suite.connect(1);
    await Promise.all([typist.synced(), observer.synced()]);
    const statuses: string[] = [];
    typist.provider.on('status', ({ status }) => statuses.push(status));

    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    bodyOf(typist.doc).insert(bodyOf(typist.doc).length, [paragraph]);
    const total = CHARS_PER_SECOND * SECONDS;
    const typed: string[] = [];
    const keystroke = (i: number) => {
      const char = String.fromCharCode(97 + (i % 26));
      text.insert(text.length, char);
      typed.push(char);
      const cursor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
      typist.provider.awareness.setLocalStateField('cursor', { anchor: cursor, head: cursor });
    };
    // By the clock, not by timer ticks: a late tick types what is due at once, as a burst of
    // separate keystrokes (one update and one awareness message each), never fewer per second.
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * CHARS_PER_SECOND));
        while (typed.length < due) keystroke(typed.length);
        if (typed.length === total) {
          clearInterval(tick);
          resolve();
        }
      }, 1_000 / CHARS_PER_SECOND);
    });

    const expected = typed.join('');
    await eventually(() => expect(bodyText(observer.doc)).toContain(expected), 20_000);
    await eventually(() => {
      const cursor = observer.provider.awareness.getStates().get(typist.doc.clientID)?.cursor;
      expect(cursor && Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.head), observer.doc)?.index).toBe(total);
    });
    expect(typist.closes, 'the typist was never disconnected').toEqual([]);
    expect(statuses).not.toContain('disconnected');
    expect(await metricValue(suite.server.url, 'tansiq_collab_refused_total')).toBe(0);
    await suite.server.hub.store.flush();
    expect(bodyText(await loadStoredDocument(suite.server.database.db, suite.world.documentId))).toContain(expected);
  }, 90_000);
});
