/**
 * Build-time adaptations of KoliBri (@public-ui/*) for Bastei: a small theme bundle and no inline
 * <style> elements, so the UI runs under `style-src 'self'`. See README, "Web UI".
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
// postcss is Vite's own dependency (always installed with it).
import postcss, { type AtRule, type Root } from 'postcss';
import { type Plugin, transformWithEsbuild } from 'vite';

const THEME_MODULE = 'virtual:kolibri-theme';
const TOKENS_MODULE = 'virtual:kolibri-tokens.css';

type ThemeMap = Record<string, string>;
type ThemeFunction = (patch: (name: string, map: ThemeMap, options?: unknown) => string) => string;

/**
 * The KERN theme of @public-ui/themes, reduced to what Bastei renders.
 *
 * - The package ships six themes in one module with unmarked calls, so bundlers keep all of them
 *   (15 MB). Here the theme is read at build time and only the CSS of the components we use is
 *   emitted, minified.
 * - At runtime KoliBri copies the theme's custom properties into an inline <style> in <head>,
 *   which `style-src 'self'` blocks (and the theme then loses its colours). Instead the
 *   document-level `:root` design tokens become a static stylesheet (`virtual:kolibri-tokens.css`),
 *   and the rest of the global CSS travels with the per-component constructable stylesheets
 *   (which CSP does not restrict), so KoliBri finds nothing to inline.
 */
export function kolibriTheme(options: { theme: 'KERN_V2'; components: readonly string[] }): Plugin {
  let captured: { name: string; map: ThemeMap } | undefined;
  const load = async () => {
    if (captured) return captured;
    const themes = (await import('@public-ui/themes')) as unknown as Record<string, ThemeFunction>;
    const theme = themes[options.theme];
    if (!theme) throw new Error(`@public-ui/themes has no theme ${options.theme}`);
    theme((name, map) => {
      captured = { name, map: { ...map } };
      return name;
    });
    if (!captured) throw new Error(`theme ${options.theme} did not register itself`);
    return captured;
  };
  const minify = async (css: string) =>
    (await transformWithEsbuild(css, 'theme.css', { loader: 'css', minify: true })).code.trim();

  return {
    name: 'bastei:kolibri-theme',
    enforce: 'pre',
    resolveId(id) {
      if (id === THEME_MODULE || id === TOKENS_MODULE) return `\0${id}`;
      return null;
    },
    async load(id) {
      if (id !== `\0${THEME_MODULE}` && id !== `\0${TOKENS_MODULE}`) return null;
      const { name, map } = await load();
      const global = map.GLOBAL ?? '';
      const root = postcss.parse(global);
      const tokens = extractRootRules(root);
      if (id === `\0${TOKENS_MODULE}`) return tokens.toString();

      const css: ThemeMap = { GLOBAL: '' };
      // PROPERTIES and GLOBAL are both adopted into every component's shadow root, in this order.
      css.PROPERTIES = await minify(`${map.PROPERTIES ?? ''}\n${root.toString()}`);
      for (const tag of options.components) {
        const key = tag.toUpperCase();
        const componentCss = map[key];
        if (componentCss === undefined) throw new Error(`theme ${name} has no CSS for ${tag}`);
        css[key] = await minify(componentCss);
      }
      return `export const THEME_NAME = ${JSON.stringify(name)};\nexport const THEME_CSS = ${JSON.stringify(css)};\n`;
    },
  };
}

/** Removes the `:root { … }` rules (also inside @media) from `root` and returns them as their own sheet. */
function extractRootRules(root: Root): Root {
  const tokens = postcss.root();
  root.walkRules((rule) => {
    if (rule.selector.trim() !== ':root') return;
    const parent = rule.parent;
    if (parent?.type === 'atrule' && (parent as AtRule).name === 'media') {
      const media = (parent as AtRule).clone({ nodes: [] });
      media.append(rule.clone());
      tokens.append(media);
    } else if (parent?.type === 'root') {
      tokens.append(rule.clone());
    } else {
      return;
    }
    rule.remove();
  });
  root.walkAtRules('media', (media) => {
    if (!media.nodes || media.nodes.length === 0) media.remove();
  });
  return tokens;
}

/**
 * Stencil (the runtime under KoliBri) inserts one inline <style data-styles> into <head> with the
 * rules that hide components until they are hydrated. `style-src 'self'` blocks that. This rewrites
 * the single insertion into a constructable stylesheet adopted by the document: same rules, no
 * inline style. The build fails if the pattern is not found exactly once (e.g. after an upgrade).
 */
export function stencilAdoptedHydrationStyles(): Plugin {
  const pattern =
    /(\w+)\.setAttribute\("data-styles",""\);(.{0,200}?)(\w+)\.insertBefore\(\1,(\w+)\?\4\.nextSibling:\3\.firstChild\)/;
  let patched = 0;
  return {
    name: 'bastei:stencil-adopted-hydration-styles',
    // The dev server sends no CSP (and pre-bundles dependencies without this hook).
    apply: 'build',
    transform(code, id) {
      if (!/@public-ui\/components\/dist\/esm\/index-[\w-]+\.js$/.test(id) || !code.includes('data-styles')) {
        return null;
      }
      const match = pattern.exec(code);
      if (!match) return null;
      patched += 1;
      const [whole, element, between] = match;
      const replacement = `${element}.setAttribute("data-styles","");${between}(()=>{const s=new CSSStyleSheet;s.replaceSync(${element}.textContent);document.adoptedStyleSheets=[...document.adoptedStyleSheets,s]})()`;
      return { code: code.replace(whole, replacement), map: null };
    },
    buildEnd(error) {
      if (error) return;
      if (patched !== 1) {
        this.error(
          `expected to rewrite Stencil's inline hydration <style> exactly once, rewrote it ${patched} times: check the KoliBri version (see web/vite-plugins.ts)`,
        );
      }
    },
  };
}

/** Writes `.br` and `.gz` beside every compressible file; the server sends them when accepted. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'bastei:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((entry) => {
          const path = join(dir, entry);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}
