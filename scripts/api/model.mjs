// The public API of a package as a caller meets it, resolved to shapes: one line per
// reachable member, `<path> <in|out> <required|optional> <leaf>`.
// - A provider package (one with src/generated/): names of generated components never appear
//   (types are expanded structurally), so an upstream rename of a component changes nothing
//   here, while a new required field or a removed enum value does. What is modelled: the
//   package's own exports (src/*.ts outside generated/) and `paths` (what the raw
//   openapi-fetch client is typed by). Not modelled: @llm-files/core's exports (core has its
//   own API), `components`/`operations` (generated maps keyed by upstream names, re-exported
//   for convenience, outside the stability promise), and `specInfo` (data).
// - A library (core, the registry, the facade): each export is expanded once, at its own
//   entry; where another export refers to it, it is named (as API Extractor does), so a change
//   to `Profile` shows once, at `Profile.…`. Classes: their constructor (`new(…)`), statics
//   and instance members (`prototype.…`, private and protected ones left out). Generic
//   functions and types list their type parameters (`<>`); a type that depends on one (a
//   conditional type, `T["file"]`) is written as it is declared.
// Another package's named types (core's, a provider's in the facade) are leaves everywhere.
import { existsSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import ts from "typescript";
import { cachingHost, parsedConfig, workspaceSources } from "./programs.mjs";

/** @typedef {"in" | "out"} Direction */
/** @typedef {"none" | "patch" | "minor" | "major"} Bump */
/** @typedef {{ bump: Bump, path: string, text: string }} ApiChange */

const SKIP_EXPORTS = new Set(["components", "operations", "specInfo", "$defs", "webhooks"]);
const MAX_DEPTH = 14;

/**
 * A type as TypeScript prints it, with the members of every union in it (at any depth) in a
 * fixed order. TypeScript prints a union's members in the order it created their types, which
 * follows the order it read the files in: the same type printed from another program (the
 * packages read from their sources rather than their built declarations, other packages
 * beside it) would differ in order only. Only the order changes; the text stays TypeScript's.
 * @param {string} text
 */
export function canonicalTypeText(text) {
  if (!text.includes("|")) return text;
  const prefix = "type __ = ";
  const file = ts.createSourceFile("type.ts", `${prefix}${text};`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const alias = file.statements[0];
  // Not a type TypeScript can read back (it printed something else): left as printed.
  if (!alias || !ts.isTypeAliasDeclaration(alias) || /** @type {{ parseDiagnostics?: unknown[] }} */ (/** @type {unknown} */ (file)).parseDiagnostics?.length) return text;
  const source = file.text;
  /** @param {ts.Node} node @returns {string} */
  const canon = (node) => {
    if (ts.isUnionTypeNode(node)) return node.types.map(canon).sort().join(" | ");
    const start = node.getStart(file);
    let out = "";
    let at = start;
    node.forEachChild((child) => {
      const childStart = child.getStart(file);
      out += source.slice(at, childStart) + canon(child);
      at = child.end;
    });
    return out + source.slice(at, node.end);
  };
  return canon(alias.type);
}

/**
 * Models of several packages from one TypeScript program (the libraries are read once). The
 * workspace's packages are read from their sources, never from what a build left in dist/: a
 * report is the same in a fresh clone before any build as after one (programs.mjs:
 * workspaceSources).
 * @param {string[]} pkgDirs
 * @returns {string[]}
 */
export function apiModels(pkgDirs) {
  const cfg = parsedConfig(join(pkgDirs[0], "tsconfig.json"));
  const options = { ...cfg.options, noEmit: true, paths: { ...cfg.options.paths, ...workspaceSources(resolve(pkgDirs[0], "../..")) } };
  const program = ts.createProgram(pkgDirs.map((d) => join(d, "src", "index.ts")), options, cachingHost(options));
  return pkgDirs.map((d) => apiModel(d, program));
}

/**
 * The model of one package: its lines, in a fixed order.
 * @param {string} pkgDirArg
 * @param {ts.Program} [program] one already built that holds the package's entry
 * @returns {string}
 */
export function apiModel(pkgDirArg, program) {
  if (!program) return apiModels([pkgDirArg])[0];
  const pkgDir = resolve(pkgDirArg);
  const entry = join(pkgDir, "src", "index.ts");
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry}: not a module of the program`);
  const ownDir = join(pkgDir, "src") + sep;
  const library = !existsSync(join(pkgDir, "src", "generated"));
  const ownFile = (/** @type {ts.SourceFile} */ file) => {
    const f = file.fileName.split("/").join(sep);
    return f.startsWith(ownDir) && !f.includes(`${sep}generated${sep}`);
  };
  const isOwn = (/** @type {ts.Declaration} */ decl) => ownFile(decl.getSourceFile());
  /** @type {Map<string, string>} */
  const lines = new Map();
  /** @param {string} path @param {Direction} dir @param {boolean} optional @param {string} leaf */
  const emit = (path, dir, optional, leaf) => void lines.set(path, `${dir} ${optional ? "optional" : "required"} ${leaf}`);
  const exportSymbols = checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.getName().localeCompare(b.getName()));
  const target = (/** @type {ts.Symbol} */ sym) => (sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym);
  /** A library's exports by symbol: named where another export refers to them. @type {Map<ts.Symbol, string>} */
  const exported = new Map(library ? exportSymbols.map((s) => [target(s), s.getName()]) : []);
  const DEFERRED = ts.TypeFlags.TypeParameter | ts.TypeFlags.Conditional | ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Substitution;
  const typeText = (/** @type {ts.Type} */ type) => canonicalTypeText(checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));
  /** The type arguments of a generic instantiation (none for other types). @returns {readonly ts.Type[]} */
  const typeArgs = (/** @type {ts.Type} */ type) => type.aliasTypeArguments ?? (isReference(type) ? checker.getTypeArguments(type) : []);

  /** A type argument by its name only (a library names another package's instantiations without their contents). */
  const shortName = (/** @type {ts.Type} */ type) => {
    const name = type.aliasSymbol?.getName() ?? (type.flags & ts.TypeFlags.Object ? type.getSymbol()?.getName() : typeText(type));
    return name === undefined || name.startsWith("__") ? "{…}" : name;
  };
  const isPlatform = (/** @type {ts.SourceFile} */ file) => program.isSourceFileDefaultLibrary(file) || /node_modules[\\/](@types[\\/]node|undici-types|typescript)[\\/]/.test(file.fileName);
  /**
   * A library's own export, referred to from elsewhere than its own entry: named.
   * @param {ts.Type} type
   * @param {string} path
   */
  const exportedLeaf = (type, path) => {
    const sym = type.aliasSymbol ?? type.getSymbol();
    const name = sym && exported.get(sym);
    return name !== undefined && path.split(/[.(|#[<]/)[0] !== name ? typeText(type) : undefined;
  };
  /**
   * The text a type is written as where it is a leaf (the platform's, another package's named
   * one, a library's own export referred to), else undefined (it is expanded).
   * @param {ts.Type} type
   * @returns {string | undefined}
   */
  const libLeaf = (type, path = "") => {
    const sym = type.aliasSymbol ?? type.getSymbol();
    const decl = sym?.declarations?.[0];
    if (!decl) return undefined;
    const file = decl.getSourceFile();
    const fromLib = isPlatform(file);
    const fromDeps = !file.fileName.split("/").join(sep).startsWith(pkgDir + sep) && (/[\\/]packages[\\/][^\\/]+[\\/](dist|src)[\\/]/.test(file.fileName) || /openapi-fetch/.test(file.fileName));
    const own = exportedLeaf(type, path);
    if (own) return own;
    // A dependency's own named type (Transport, CallOptions, the openapi-fetch Client) is a
    // leaf; in a provider package, one instantiated with the package's types
    // (OpenAIStyleFiles<FileObject, ...>) is expanded, since what it holds comes from the spec;
    // in a library it is named too (ProviderModule<MoonshotTypes>: the provider's report has it).
    const generic = typeArgs(type).length > 0;
    const named = (sym.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) !== 0 && type.getCallSignatures().length === 0;
    if (library && fromDeps && named && generic) return `${sym.getName()}<${typeArgs(type).map(shortName).join(", ")}>`;
    const leaf = fromLib || (fromDeps && named && (!generic || /openapi-fetch/.test(file.fileName)));
    return leaf ? typeText(type) : undefined;
  };

  /**
   * Emits the lines of `type` at `path`.
   * @param {ts.Type} type
   * @param {string} path
   * @param {Direction} dir
   * @param {boolean} optional
   * @param {number} depth
   * @param {ts.Type[]} stack the types being expanded above this one (a type met again is recursive)
   * @returns {void}
   */
  const walk = (type, path, dir, optional, depth, stack) => {
    if (depth > MAX_DEPTH) return emit(path, dir, optional, "…");
    const flags = type.flags;
    const own = type.isUnion() && exportedLeaf(type, path);
    if (own) return emit(path, dir, optional, own);
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
      const opt = optional || parts.length !== type.types.length;
      if (parts.every((t) => t.isLiteral() || t.flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Null))) {
        const values = parts.map((t) => checker.typeToString(t)).sort();
        return emit(path, dir, opt, values.length === 2 && values.join() === "false,true" ? "boolean" : `enum ${values.join(" | ")}`);
      }
      if (parts.length === 1) return walk(parts[0], path, dir, opt, depth, stack);
      emit(path, dir, opt, "union");
      // Members are keyed by what they are (|URL, |string), so a member added anywhere in the
      // union does not shift the others; object members by position among the objects. Both
      // in a fixed order (by key; objects by their text): the order TypeScript holds a union's
      // members in follows the order it met them, which differs from one program to another.
      const keyed = parts.map((t) => ({ t, simple: libLeaf(t, path) ?? (t.flags & ts.TypeFlags.Object ? undefined : typeText(t)) }));
      const objects = keyed.filter((k) => k.simple === undefined).sort((a, b) => typeText(a.t).localeCompare(typeText(b.t)));
      const named = keyed.filter((k) => k.simple !== undefined).sort((a, b) => String(a.simple).localeCompare(String(b.simple)));
      for (const k of named) walk(k.t, `${path}|${String(k.simple).replace(/\s+/g, "")}`, dir, false, depth + 1, stack);
      objects.forEach((k, i) => walk(k.t, `${path}|object${i}`, dir, false, depth + 1, stack));
      return;
    }
    // A type that depends on a type parameter (T, T["file"], a conditional type): as declared.
    if (flags & DEFERRED) return emit(path, dir, optional, typeText(type));
    if (flags & (ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.Boolean | ts.TypeFlags.BigInt | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never | ts.TypeFlags.Void | ts.TypeFlags.Null | ts.TypeFlags.Literal | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.ESSymbol)) {
      return emit(path, dir, optional, typeText(type));
    }
    const lib = libLeaf(type, path);
    if (lib) {
      // Promise<T>: what a caller awaits is T.
      const args = isReference(type) ? checker.getTypeArguments(type) : [];
      if (/^Promise</.test(lib) && args[0] !== undefined) return walk(args[0], `${path}.await`, dir, optional, depth + 1, stack);
      // AsyncIterable<T>: what a caller's `for await` gets is T.
      if (/^AsyncIterable(Iterator)?</.test(lib) && args[0] !== undefined) {
        emit(path, dir, optional, "async iterable");
        return walk(args[0], `${path}.each`, dir, false, depth + 1, stack);
      }
      if (checker.isArrayType(type) && args[0]) {
        emit(path, dir, optional, "array");
        return walk(args[0], `${path}[]`, dir, false, depth + 1, stack);
      }
      return emit(path, dir, optional, lib);
    }
    if (checker.isTupleType(type) && isReference(type)) {
      // A fixed list (a profile's `as const` data): each element at its place.
      const elements = checker.getTypeArguments(type);
      emit(path, dir, optional, `tuple of ${elements.length}`);
      elements.forEach((t, i) => walk(t, `${path}[${i}]`, dir, false, depth + 1, stack));
      return;
    }
    if (checker.isArrayType(type) && isReference(type)) {
      emit(path, dir, optional, "array");
      return walk(checker.getTypeArguments(type)[0], `${path}[]`, dir, false, depth + 1, stack);
    }
    if (stack.includes(type)) return emit(path, dir, optional, "(recursive)");
    const next = [...stack, type];
    const signatures = type.getCallSignatures();
    const constructs = type.getConstructSignatures();
    const props = checker.getPropertiesOfType(type);
    /**
     * A signature's type parameters, as declared (`<T extends ProviderTypes, Paths>`).
     * @param {ts.Signature} sig
     * @param {string} at
     */
    const typeParameters = (sig, at) => {
      const params = sig.getTypeParameters() ?? [];
      if (!params.length) return;
      emit(`${at}<>`, dir, false, `<${params.map((p) => {
        const c = p.getConstraint();
        return `${p.symbol.getName()}${c ? ` extends ${typeText(c)}` : ""}`;
      }).join(", ")}>`);
    };
    // A class: how it is constructed (what it makes is named: its members are at prototype).
    constructs.forEach((sig, i) => {
      const at = constructs.length > 1 ? `${path}.new#${i}` : `${path}.new`;
      typeParameters(sig, at);
      sig.getParameters().forEach((p, j) => {
        const decl = p.valueDeclaration;
        const opt = decl && ts.isParameter(decl) && (decl.questionToken !== undefined || decl.initializer !== undefined);
        walk(checker.getTypeOfSymbol(p), `${at}(${j}:${p.getName()})`, dir === "out" ? "in" : "out", Boolean(opt), depth + 1, [...stack, type]);
      });
      emit(`${at}()`, dir, false, typeText(sig.getReturnType()));
    });
    if (signatures.length) {
      emit(path, dir, optional, props.length ? "function+object" : "function");
      signatures.forEach((sig, i) => {
        const at = signatures.length > 1 ? `${path}#${i}` : path;
        typeParameters(sig, at);
        sig.getParameters().forEach((p, j) => {
          const decl = p.valueDeclaration;
          const opt = decl && ts.isParameter(decl) && (decl.questionToken !== undefined || decl.initializer !== undefined);
          // A parameter flips direction: what the caller gives.
          walk(checker.getTypeOfSymbol(p), `${at}(${j}:${p.getName()})`, dir === "out" ? "in" : "out", Boolean(opt), depth + 1, next);
        });
        walk(sig.getReturnType(), `${at}()`, dir, false, depth + 1, next);
      });
    } else emit(path, dir, optional, constructs.length ? "class" : "object");
    for (const p of props.sort((a, b) => a.getName().localeCompare(b.getName()))) {
      if (p.getName().startsWith("__@") || p.getName().startsWith("#")) continue;
      // What a caller cannot reach: private and protected members; and the statics a class
      // inherits from the platform (Error.captureStackTrace), which vary with @types/node.
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      if (decl && ts.getCombinedModifierFlags(decl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      if (constructs.length && decl && isPlatform(decl.getSourceFile())) continue;
      const opt = (p.flags & ts.SymbolFlags.Optional) !== 0;
      // In the raw client's `paths`, request bodies and parameters are what the caller gives.
      const childDir = path.startsWith("paths.") && (p.getName() === "requestBody" || p.getName() === "parameters") ? "in" : dir;
      // An optional member of a library's exported type (`paging?: Paging`): named as declared
      // (its type with undefined added has lost the name).
      const declared = library && opt && decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) && decl.type ? checker.getTypeFromTypeNode(decl.type) : undefined;
      const memberType = declared && exportedLeaf(declared, `${path}.${p.getName()}`) ? declared : checker.getTypeOfSymbol(p);
      walk(memberType, `${path}.${p.getName()}`, childDir, opt, depth + 1, next);
    }
  };

  for (const sym of exportSymbols) {
    const name = sym.getName();
    if (SKIP_EXPORTS.has(name)) continue;
    const symbol = target(sym);
    const decl = symbol.declarations?.[0];
    if (!decl) continue;
    const generatedPaths = name === "paths";
    if (!generatedPaths && !isOwn(decl)) continue;
    const isValue = (symbol.flags & ts.SymbolFlags.Value) !== 0;
    const type = isValue ? checker.getTypeOfSymbol(symbol) : checker.getDeclaredTypeOfSymbol(symbol);
    // A generic type's type parameters, as declared.
    const declared = !isValue && (ts.isTypeAliasDeclaration(decl) || ts.isInterfaceDeclaration(decl)) ? decl.typeParameters : undefined;
    if (library && declared?.length) emit(`${name}<>`, "out", false, `<${declared.map((p) => p.getText().replace(/\s+/g, " ")).join(", ")}>`);
    walk(type, name, "out", false, 0, []);
  }
  return [...lines].map(([k, v]) => `${k} ${v}`).join("\n") + "\n";
}

/** @returns {type is ts.TypeReference} */
function isReference(/** @type {ts.Type} */ type) {
  return (type.flags & ts.TypeFlags.Object) !== 0 && (/** @type {ts.ObjectType} */ (type).objectFlags & ts.ObjectFlags.Reference) !== 0;
}

/**
 * The bump a caller feels between two models of a package's API.
 * @param {string} before
 * @param {string} after
 * @returns {{ bump: Bump, changes: ApiChange[] }}
 */
export function apiBump(before, after) {
  /** @param {string} text @returns {Map<string, { dir: Direction, optional: boolean, leaf: string }>} */
  const parse = (text) => {
    const out = new Map();
    for (const l of text.split("\n")) {
      if (!l || l.startsWith("#")) continue;
      const m = /^(\S+) (in|out) (required|optional) (.*)$/.exec(l);
      if (!m) throw new Error(`not a line of an API model: ${JSON.stringify(l)}`);
      out.set(m[1], { dir: m[2], optional: m[3] === "optional", leaf: m[4] });
    }
    return out;
  };
  const A = parse(before);
  const B = parse(after);
  /** @type {ApiChange[]} */
  const changes = [];
  /** @param {Bump} bump @param {string} path @param {string} text */
  const add = (bump, path, text) => void changes.push({ bump, path, text: `${path}: ${text}` });
  const member = (/** @type {string} */ path) => /\|[^.|(]+$/.test(path);
  for (const [path, a] of A) {
    const b = B.get(path);
    if (!b && member(path)) {
      add("major", path, "no longer one of the accepted/returned types");
      continue;
    }
    if (!b) {
      if (!B.has(parentOf(path)) && A.has(parentOf(path))) continue; // reported at the parent
      add("major", path, a.dir === "in" ? "input removed" : "removed");
      continue;
    }
    if (a.optional !== b.optional) {
      const breaking = a.dir === "in" ? !b.optional : b.optional;
      add(breaking ? "major" : "minor", path, a.dir === "in" ? (b.optional ? "now optional" : "now required") : b.optional ? "may now be absent" : "now always present");
    }
    if (a.leaf !== b.leaf) {
      // A single literal is an enum of one value: "fine-tune" becoming "batch" | "fine-tune" gained a value.
      const la = valuesOf(a.leaf);
      const lb = valuesOf(b.leaf);
      const children = [...B.keys()].filter((k) => k !== path && k.startsWith(path) && isUnder(k, path));
      if (la && lb) {
        for (const v of la.filter((v) => !lb.includes(v))) add("major", path, `${v} removed`);
        for (const v of lb.filter((v) => !la.includes(v))) add("minor", path, `${v} added`);
      } else if (a.dir === "in" && b.dir === "in" && b.leaf === "object" && children.length && children.every((k) => B.get(k)?.dir === "in" && (B.get(k)?.optional || member(k)))) {
        // A named input type (CallOptions) now spelled out with more members, all optional
        // (a list's new query parameters): it accepts more than before, and each new member is
        // reported below as a new optional input.
        add("minor", path, `${a.leaf} -> an object of optional members`);
      } else add("major", path, `${a.leaf} -> ${b.leaf}`);
    }
  }
  for (const [path, b] of B) {
    if (A.has(path)) continue;
    const owner = unionOwner(path, B);
    if (owner !== undefined) {
      // A union member: new in a union that was there, or part of something new (counted at its root).
      if (A.has(owner)) {
        add("minor", path, b.dir === "in" ? "accepted as well" : "may be returned as well");
        continue;
      }
      if (B.has(owner)) continue;
    }
    if (!A.has(parentOf(path)) && B.has(parentOf(path)) && parentOf(path) !== path) {
      // Inside something new: counted once, at its root.
      if (!A.has(parentOf(path))) continue;
    }
    add(b.dir === "in" && !b.optional ? "major" : "minor", path, b.dir === "in" ? (b.optional ? "new optional input" : "new required input") : "added");
  }
  const rank = { none: 0, patch: 1, minor: 2, major: 3 };
  return { bump: changes.reduce((/** @type {Bump} */ m, c) => (rank[c.bump] > rank[m] ? c.bump : m), "none"), changes };
}

/**
 * The union a member line belongs to (`x.purpose` for `x.purpose|string[]`, whatever the member's
 * text holds), when `lines` has it; undefined for a line that is no union member.
 * @param {string} path
 * @param {Map<string, unknown>} lines
 */
function unionOwner(path, lines) {
  for (let i = path.lastIndexOf("|"); i > 0; i = path.lastIndexOf("|", i - 1)) {
    const owner = path.slice(0, i);
    if (lines.has(owner) && !/[.([]$/.test(owner)) return owner;
  }
  return undefined;
}

/**
 * The values of an enum leaf ("enum "a" | "b""), or of a single literal; undefined for any other leaf.
 * @param {string} leaf
 */
function valuesOf(leaf) {
  const listed = /^enum (.*)$/.exec(leaf)?.[1]?.split(" | ");
  if (listed) return listed;
  return /^("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)$/.test(leaf) ? [leaf] : undefined;
}

/**
 * Is `path` inside `ancestor` (a member, an element, a call's parameter or answer, a union member)?
 * @param {string} path
 * @param {string} ancestor
 */
function isUnder(path, ancestor) {
  for (let p = path; ; ) {
    const up = parentOf(p);
    if (up === ancestor) return true;
    if (up === p || up.length < ancestor.length) return false;
    p = up;
  }
}

/** @param {string} path */
function parentOf(path) {
  const m = /^(.*)(\.[^.([|#]+|\[\]|\(\d+:[^)]*\)|\(\)|\|[^.|(]+|#\d+|\.await)$/.exec(path);
  return m ? m[1] : path;
}
