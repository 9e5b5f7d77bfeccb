/// <reference types="astro/client" />
// For plain `tsc`: .astro files are checked by Astro's compiler at build time; to TypeScript they
// are components taking props.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
