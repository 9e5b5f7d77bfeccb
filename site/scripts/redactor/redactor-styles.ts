// The redactor's stylesheet (adopted by script: the CSP allows no <style> element). Colours and
// the focus ring follow site/styles/global.css; buttons keep the site's own button style.
export const REDACTOR_CSS = `
.rd{display:grid;grid-template-columns:minmax(0,1fr);gap:.75rem;max-width:48rem}
.rd-bar>*{min-width:0;max-width:100%}
.rd [hidden]{display:none!important}
.rd-bar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.rd-bar label{display:block;font-weight:700}
.rd-bar select{font:inherit;padding:.4rem .5rem;border:2px solid #1b1b1b;background:#fff;color:#1b1b1b;max-width:100%}
.rd-help{margin:0;color:#4a4a4a;max-width:44rem}
.rd-error{margin:0;color:#a0102a;font-weight:700}
.rd-frame{padding:14px;background:#f1f3f5;border:1px solid #c8ced6}
.rd-stage{position:relative;margin:0 auto;width:100%;user-select:none;-webkit-user-select:none}
.rd-clip{position:absolute;inset:0;overflow:hidden;background:#333}
.rd-clip canvas{display:block;width:100%;height:100%}
.rd-hole{position:absolute;box-shadow:0 0 0 100vmax rgba(0,0,0,.55);pointer-events:none}
.rd .rd-box{position:absolute;margin:0;padding:0;border:0;border-radius:0;background:none;color:inherit;cursor:move;touch-action:none;min-width:0}
.rd .rd-crop{border:2px dashed #fff;box-shadow:0 0 0 1px #000,inset 0 0 0 1px #000}
.rd .rd-mask{background:#000}
.rd .rd-box:focus-visible,.rd .rd-box.is-active{outline:3px solid #ffbf47;outline-offset:2px;box-shadow:0 0 0 5px #1b1b1b}
.rd-h{position:absolute;width:24px;height:24px;margin:-12px;border-radius:50%;background:#fff;border:2px solid #1b1b1b;touch-action:none}
.rd-mask:not(.is-active):not(:focus-visible) .rd-h{display:none}
.rd-nw{left:0;top:0;cursor:nwse-resize}.rd-se{right:0;bottom:0;cursor:nwse-resize}
.rd-ne{right:0;top:0;cursor:nesw-resize}.rd-sw{left:0;bottom:0;cursor:nesw-resize}
.rd-n{position:absolute;inset:0;display:grid;place-items:center;color:#fff;font-weight:700;pointer-events:none}
.rd-result{margin:0}
.rd-result.is-stale img{opacity:.35}
.rd-result figcaption{font-weight:700;margin-bottom:.25rem}
.rd-result img{display:block;max-width:100%;height:auto;border:1px solid #c8ced6}
.rd-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
