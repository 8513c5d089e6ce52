/**
 * What a person may keep about how their screens look, stored per person on the server
 * (`/api/users/me/preferences/:key`) so it follows them across browsers. One key per screen;
 * the server validates each value against these bounds (shared/api/schemas/preferences.ts).
 */
export const PREFERENCE_KEYS = ['measures.grid'] as const;
export type PreferenceKey = (typeof PREFERENCE_KEYS)[number];

/** a column's width in CSS pixels: narrower hides its content, wider pushes the rest out of reach */
export const COLUMN_WIDTH = { min: 48, max: 960 } as const;
/** at most this many columns are remembered (the grid has a dozen) */
export const MAX_REMEMBERED_COLUMNS = 40;
/** column ids: short camelCase names such as `lead`, `budget` */
export const COLUMN_ID = /^[a-z][A-Za-z0-9]{0,39}$/;

/** `measures.grid`: each column's width when changed, and whether it is hidden */
export interface MeasuresGridPreference {
  columns: Record<string, { width?: number; hidden?: boolean }>;
}

export interface PreferenceValues {
  'measures.grid': MeasuresGridPreference;
}
