/**
 * Element ids of the request form, from the API's field names: the page, the no-JS answer and
 * the form script all derive them the same way, so an API problem on `explanation.access` finds
 * its field (`#f-explanation-access`), its hint and its error message.
 *
 * @example fieldId('explanation.access') // 'f-explanation-access'
 */
export const fieldId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
export const hintId = (name: string): string => `${fieldId(name)}-hint`;
export const errorId = (name: string): string => `${fieldId(name)}-error`;
