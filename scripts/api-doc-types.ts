// Collects the exported result types (interfaces and type aliases) of every contract file, as
// written, for the "Types" section of docs/api.md.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export function contractTypeDecls(root = 'src/main/modules'): string[] {
  const out: string[] = [];
  for (const mod of readdirSync(root).sort()) {
    let files: string[];
    try {
      files = readdirSync(join(root, mod))
        .filter((f) => /^contract.*\.ts$/.test(f))
        .sort();
    } catch {
      continue;
    }
    for (const f of files) {
      const text = readFileSync(join(root, mod, f), 'utf8');
      const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
      for (const st of sf.statements) {
        const exported =
          ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (exported && (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st))) {
          out.push(st.getText(sf).replace(/^\s*\/\*\*[\s\S]*?\*\/\s*/, ''));
        }
      }
    }
  }
  return out;
}
