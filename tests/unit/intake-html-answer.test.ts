// The API answers the request form's plain post (no JavaScript) with a page, and fetch() with JSON.
import { describe, expect, it } from 'vitest';
import { prefersHtml, problemPage } from '../../api/intake/html-answer.ts';
import { t } from '../../content/i18n.ts';

describe('prefersHtml', () => {
  it('is true for a browser navigating, false for fetch() and API clients', () => {
    expect(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8')).toBe(true);
    expect(prefersHtml('text/html, */*;q=0.1')).toBe(true);
    expect(prefersHtml('application/json')).toBe(false);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml('application/json, text/html;q=0.5')).toBe(false);
    expect(prefersHtml('text/*;q=0.9, application/json;q=0.8')).toBe(true);
  });
});

describe('problemPage', () => {
  it('escapes what it shows, names each field and keeps the page language', async () => {
    const page = String(await problemPage('fr', '<b>x</b>', [{ path: 'lastName', message: t('fr', 'form.error.lastName.required') }, { path: 'website', message: '<script>' }]));
    expect(page).toContain('<html lang="fr"');
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(page).toContain(`<strong>${t('fr', 'form.field.lastName')}</strong>: ${t('fr', 'form.error.lastName.required')}`.replace(/'/g, '&#39;'));
    expect(page).toContain('<li>&lt;script&gt;</li>');
    expect(page).not.toContain('<script');
    expect(page).toContain('href="/fr/request/"');
  });
});
