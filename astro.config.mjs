// The public site: static HTML built from content/ into dist/. See README "How it is built".
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

const LANGS = ['nl', 'en', 'fr', 'uk', 'ru'];

export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  publicDir: './site/public',
  // The canonical origin is only used for the sitemap and hreflang links; set SITE_URL when deploying.
  site: process.env.SITE_URL || 'http://localhost:4321',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  i18n: {
    locales: LANGS,
    defaultLocale: 'nl',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [
    mdx(),
    sitemap({
      i18n: { defaultLocale: 'nl', locales: Object.fromEntries(LANGS.map((l) => [l, l])) },
      filter: (page) => !/\/404\/$/.test(page),
    }),
  ],
  devToolbar: { enabled: false },
  // Never inline a script or asset into the HTML: the Content-Security-Policy allows no inline
  // script, and statement pages carry no JavaScript at all.
  vite: { build: { assetsInlineLimit: 0 } },
});
