// Reads Bicep and .bicepparam files with the tree-sitter Bicep grammar into a small model (parameters,
// variables, resources, modules, outputs) and evaluates the expressions the checks need.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { Parser, Language } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
await Parser.init();
const bicepLanguage = await Language.load(join(dirname(require.resolve('tree-sitter-bicep/package.json')),
  'tree-sitter-bicep.wasm'));
const parser = new Parser();
parser.setLanguage(bicepLanguage);

/** A value the checks cannot know offline (a runtime reference, a function result). */
export class Unknown {
  constructor(text) { this.text = text; }
  toString() { return `<${this.text}>`; }
}

const named = (node) => node.namedChildren.filter((c) => c.type !== 'comment');
const hasAnonymous = (node, text) => node.children.some((c) => !c.isNamed && c.type === text);
const line = (node) => node.startPosition.row + 1;

/**
 * A .bicepparam file is Bicep's expression language with `using` and untyped `param NAME = value`. The grammar
 * knows `using` but not the untyped form, so each `param` keyword is read as `var` (same width, same columns).
 */
function asBicep(source, isParams) {
  return isParams ? source.replace(/^(\s*)param(\s)/gm, '$1var  $2') : source;
}

function syntaxErrors(root, file) {
  const errors = [];
  const visit = (node) => {
    if (node.isError || node.isMissing) {
      errors.push({ file, line: line(node), message: node.isMissing ? `missing ${node.type}` : `unexpected '${node.text.slice(0, 40)}'` });
      return;
    }
    if (node.hasError) node.children.forEach(visit);
  };
  visit(root);
  return errors;
}

/** Parses one file into its declarations. */
export function parseFile(file) {
  const isParams = file.endsWith('.bicepparam');
  const tree = parser.parse(asBicep(readFileSync(file, 'utf8'), isParams));
  const model = { file, isParams, errors: syntaxErrors(tree.rootNode, file), using: null, targetScope: null,
    params: new Map(), vars: new Map(), resources: [], modules: [], outputs: [] };
  let decorators = [];
  for (const node of named(tree.rootNode)) {
    if (node.type === 'decorators') { decorators = named(node).map(decoratorOf); continue; }
    const [first] = named(node);
    switch (node.type) {
      case 'using_statement': model.using = stringValue(first); break;
      case 'target_scope_assignment': model.targetScope = stringValue(first); break;
      case 'parameter_declaration': {
        const parts = named(node);
        const type = parts[1];
        model.params.set(first.text, { name: first.text, line: line(node), decorators,
          nullable: type?.text.trim().endsWith('?') ?? false, default: parts[2] ?? null });
        break;
      }
      case 'variable_declaration': model.vars.set(first.text, { name: first.text, line: line(node), expression: named(node)[1] }); break;
      case 'resource_declaration': model.resources.push(resourceOf(node, decorators, null)); break;
      case 'module_declaration': model.modules.push(moduleOf(node)); break;
      case 'output_declaration': model.outputs.push({ name: first.text, line: line(node), decorators }); break;
      default: break;
    }
    decorators = [];
  }
  return model;
}

function decoratorOf(node) {
  const call = named(node)[0];
  if (call.type !== 'call_expression') return { name: call.text, args: [] };
  const [fn, args] = named(call);
  return { name: fn.text, args: args ? named(args) : [] };
}

/** The body object of a declaration, and its condition or loop when it has one. */
function bodyOf(node) {
  const last = named(node).at(-1);
  if (last.type === 'if_statement') {
    const parts = named(last);
    return { body: parts.at(-1), condition: parts[0] };
  }
  if (last.type === 'for_statement') {
    const loopVariables = [];
    last.descendantsOfType(['loop_variable', 'loop_enumerator']).forEach((v) => loopVariables.push(v.text));
    const direct = named(last).filter((c) => c.type === 'identifier');
    if (loopVariables.length === 0 && direct.length > 1) loopVariables.push(direct[0].text);
    return { body: last.childForFieldName('body') ?? named(last).at(-1), loop: loopVariables, iterable: named(last).at(-2) };
  }
  return { body: last };
}

function resourceOf(node, decorators, parentName) {
  const [id, typeNode] = named(node);
  const fullType = stringValue(typeNode);
  const [type, apiVersion] = fullType.split('@');
  const { body, condition, loop, iterable } = bodyOf(node);
  const resource = { symbol: id.text, type, apiVersion, line: line(node), existing: hasAnonymous(node, 'existing'),
    condition, loop, iterable, body, parentSymbol: parentName, decorators, nested: [] };
  if (body?.type === 'object') {
    for (const child of named(body)) {
      if (child.type === 'resource_declaration') resource.nested.push(resourceOf(child, [], id.text));
    }
  }
  return resource;
}

function moduleOf(node) {
  const [id, pathNode] = named(node);
  const { body, condition, loop } = bodyOf(node);
  return { symbol: id.text, path: stringValue(pathNode), line: line(node), condition, loop, body };
}

/** Every resource of a file, nested ones included, with the full type of nested ones. */
export function allResources(model) {
  const out = [];
  const visit = (r, parentType) => {
    const type = parentType && !r.type.includes('/') ? `${parentType}/${r.type}` : r.type;
    const resolved = { ...r, type };
    out.push(resolved);
    r.nested.forEach((n) => visit(n, type));
  };
  model.resources.forEach((r) => visit(r, null));
  return out;
}

/** The value of a string literal without interpolation, else null. */
export function stringValue(node) {
  if (!node || node.type !== 'string') return null;
  let out = '';
  for (const part of named(node)) {
    if (part.type === 'string_content') out += part.text;
    else if (part.type === 'escape_sequence') out += unescape(part.text);
    else return null;
  }
  return out;
}

function unescape(sequence) {
  const map = { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' };
  return map[sequence] ?? sequence;
}

/** The properties of an object node as a map from key to value node. */
export function properties(node) {
  const map = new Map();
  if (!node || node.type !== 'object') return map;
  for (const p of named(node)) {
    if (p.type !== 'object_property') continue;
    const [key, value] = named(p);
    map.set(key.type === 'string' ? stringValue(key) : key.text, value);
  }
  return map;
}

/** The value node at a dotted path of an object node, and its value as far as it can be known. */
export function valueAt(body, path, scope) {
  let node = body;
  const keys = path.split('.');
  for (const [i, key] of keys.entries()) {
    if (node.type !== 'object') {
      // A computed value (a ternary, a variable): follow the rest of the path in what it evaluates to.
      let value = evaluate(node, scope);
      for (const rest of keys.slice(i)) {
        if (value === null || typeof value !== 'object' || value instanceof Unknown || !(rest in value)) {
          return { node: value instanceof Unknown ? node : null, value: value instanceof Unknown ? value : undefined };
        }
        value = value[rest];
      }
      return { node, value };
    }
    node = properties(node).get(key);
    if (!node) return { node: null, value: undefined };
  }
  return { node, value: evaluate(node, scope) };
}

/** Evaluates an expression in a scope of known names; what cannot be known offline is an {@link Unknown}. */
export function evaluate(node, scope) {
  if (!node) return new Unknown('nothing');
  switch (node.type) {
    case 'string': {
      let out = '';
      for (const part of named(node)) {
        if (part.type === 'string_content') out += part.text;
        else if (part.type === 'escape_sequence') out += unescape(part.text);
        else if (part.type === 'interpolation') {
          const v = evaluate(named(part)[0], scope);
          if (v instanceof Unknown || typeof v === 'object') return new Unknown(node.text);
          out += String(v);
        } else return new Unknown(node.text);
      }
      return out;
    }
    case 'multiline_string': return node.text.slice(3, -3);
    case 'number': return Number(node.text);
    case 'boolean': return node.text === 'true';
    case 'null': return null;
    case 'array': return named(node).map((n) => evaluate(n, scope));
    case 'object': {
      const out = {};
      for (const [k, v] of properties(node)) out[k] = evaluate(v, scope);
      return out;
    }
    case 'for_statement': {
      // [for item in items: body] and [for (item, i) in items: body]; a range or a filter stays unknown.
      const parts = named(node);
      const body = parts.at(-1);
      const iterable = evaluate(parts.at(-2), scope);
      const variables = parts.slice(0, -2).flatMap((p) => (p.type === 'identifier' ? [p.text] : named(p).map((v) => v.text)));
      if (!Array.isArray(iterable) || variables.length === 0) return new Unknown(node.text);
      return iterable.map((item, i) => evaluate(body, scope.with(variables[0], item).with(variables[1] ?? '', i)));
    }
    case 'parenthesized_expression': return evaluate(named(node)[0], scope);
    case 'identifier': return scope.lookup(node.text);
    case 'member_expression': {
      const object = evaluate(node.childForFieldName('object') ?? named(node)[0], scope);
      const property = (node.childForFieldName('property') ?? named(node).at(-1)).text;
      if (object && typeof object === 'object' && !(object instanceof Unknown) && property in object) return object[property];
      return new Unknown(node.text);
    }
    case 'subscript_expression': {
      const object = evaluate(node.childForFieldName('object') ?? named(node)[0], scope);
      const index = evaluate(node.childForFieldName('index') ?? named(node)[1], scope);
      if (object && typeof object === 'object' && !(object instanceof Unknown) && !(index instanceof Unknown)
        && Object.prototype.hasOwnProperty.call(object, index)) return object[index];
      return new Unknown(node.text);
    }
    case 'ternary_expression': {
      const condition = evaluate(node.childForFieldName('condition'), scope);
      if (condition instanceof Unknown) return new Unknown(node.text);
      return evaluate(node.childForFieldName(condition ? 'consequence' : 'alternative'), scope);
    }
    case 'unary_expression': {
      const [operand] = named(node);
      const v = evaluate(operand, scope);
      if (v instanceof Unknown) return v;
      if (node.text.startsWith('!')) return !v;
      if (node.text.startsWith('-')) return -v;
      return new Unknown(node.text);
    }
    case 'binary_expression': {
      const [left, right] = named(node);
      const operator = node.children.find((c) => !c.isNamed)?.type;
      const l = evaluate(left, scope);
      const r = evaluate(right, scope);
      if (operator === '??') return l instanceof Unknown || l === null ? r : l;
      if (l instanceof Unknown || r instanceof Unknown) return new Unknown(node.text);
      switch (operator) {
        case '==': return l === r;
        case '!=': return l !== r;
        case '&&': return l && r;
        case '||': return l || r;
        case '+': return l + r;
        default: return new Unknown(node.text);
      }
    }
    case 'call_expression': {
      const fn = (node.childForFieldName('function') ?? named(node)[0]).text;
      const argsNode = node.childForFieldName('arguments') ?? named(node)[1];
      const args = argsNode ? named(argsNode).map((a) => evaluate(a, scope)) : [];
      if (args.some((a) => a instanceof Unknown)) return new Unknown(node.text);
      switch (fn) {
        case 'concat': return args.every(Array.isArray) ? args.flat() : args.join('');
        case 'union': return Object.assign({}, ...args);
        case 'empty': return args[0] === null || args[0] === '' || (typeof args[0] === 'object' && Object.keys(args[0]).length === 0);
        case 'string': return String(args[0]);
        case 'toLower': return String(args[0]).toLowerCase();
        case 'replace': return String(args[0]).split(args[1]).join(args[2]);
        case 'min': return Math.min(...args.flat());
        case 'loadJsonContent': return JSON.parse(readFileSync(resolve(dirname(scope.model.file), args[0]), 'utf8'));
        default: return new Unknown(node.text);
      }
    }
    default: return new Unknown(node.text);
  }
}

/** Names visible to expressions of one file: given parameter values, defaults, variables (evaluated lazily). */
export class Scope {
  constructor(model, given) {
    this.model = model;
    this.given = given;
    this.cache = new Map();
  }

  lookup(name) {
    if (this.cache.has(name)) return this.cache.get(name);
    this.cache.set(name, new Unknown(name));
    let value = new Unknown(name);
    if (this.given.has(name)) value = this.given.get(name);
    else if (this.model.params.has(name)) {
      const p = this.model.params.get(name);
      value = p.default ? evaluate(p.default, this) : new Unknown(name);
    } else if (this.model.vars.has(name)) value = evaluate(this.model.vars.get(name).expression, this);
    this.cache.set(name, value);
    return value;
  }

  with(name, value) {
    return new Scope(this.model, new Map([...this.given, [name, value]]));
  }
}
