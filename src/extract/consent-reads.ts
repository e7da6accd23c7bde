import { Node } from './ts-morph-bindings.js';
import {
  classifyTokens,
  findTerm,
  tcfPurposeClass,
  withoutPlatformRoot,
  type ConsentCatalog,
} from './consent-catalog.js';
import { unwrap } from './flow-tracer.js';
import { tokenizeCached } from './name-cache.js';

/** A maximal expression that reads consent, e.g. `user.consents.includes('ads')`. */
export interface ConsentRead {
  node: Node;
  /** True when the value records a refusal (GPC, `optedOut`, `withdrawnAt`): it guards when false. */
  optOut: boolean;
  purposes: string[];
  /** Whether its name asserts (`requireConsent`, `consent.assertGranted`): as a statement it throws when missing. */
  asserts: boolean;
}

/** One name of an access chain, with its call arguments or numeric key. */
export interface Segment {
  name: string;
  node: Node;
  /** Arguments when this segment is called. */
  callArguments?: Node[];
  /** `x[3]`: the numeric key. */
  index?: number;
}

/** An access chain split into its names, root first: `user.consents.includes('ads')` → user, consents, includes(…). */
export function segmentsOf(node: Node): Segment[] {
  // Built from the end of the chain back to its root, without recursion: generated chains can be very long.
  const reversed: Segment[] = [];
  let pendingCall: Node[] | undefined;
  let callNode: Node | undefined;
  const push = (segment: Segment): void => {
    if (pendingCall !== undefined) {
      segment.callArguments = pendingCall;
      segment.node = callNode ?? segment.node;
      pendingCall = undefined;
      callNode = undefined;
    }
    reversed.push(segment);
  };
  for (let expression = unwrap(node); ; ) {
    if (Node.isCallExpression(expression) || Node.isNewExpression(expression)) {
      if (pendingCall !== undefined) push({ name: '', node: callNode! });
      pendingCall = expression.getArguments();
      callNode = expression;
      expression = unwrap(expression.getExpression());
    } else if (Node.isPropertyAccessExpression(expression)) {
      push({ name: expression.getName(), node: expression });
      expression = unwrap(expression.getExpression());
    } else if (Node.isElementAccessExpression(expression)) {
      const key = expression.getArgumentExpression();
      const segment: Segment = { name: '', node: expression };
      if (Node.isStringLiteral(key) || Node.isNoSubstitutionTemplateLiteral(key)) segment.name = key.getLiteralValue();
      else if (Node.isNumericLiteral(key)) segment.index = key.getLiteralValue();
      push(segment);
      expression = unwrap(expression.getExpression());
    } else {
      if (Node.isIdentifier(expression)) push({ name: expression.getText(), node: expression });
      else if (Node.isThisExpression(expression)) push({ name: 'this', node: expression });
      else push({ name: '', node: expression });
      return reversed.reverse();
    }
  }
}

const fetchVerbs = new Set(['get', 'fetch', 'load', 'find', 'read', 'lookup', 'query', 'select']);
const getterVerbs = new Set(['get', 'has', 'is', 'read', 'header', 'includes', 'contains', 'check']);
const tcfConsentLists = new Set(['consent', 'legitimate interest']);

function stringsIn(node: Node): string[] {
  const strings: string[] = [];
  const pending: Node[] = [node];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    if (Node.isStringLiteral(current) || Node.isNoSubstitutionTemplateLiteral(current)) strings.push(current.getLiteralValue());
    else if (Node.isPropertyAccessExpression(current)) {
      // `ConsentPurpose.Ads`, `Purpose.MARKETING`: a purpose spelled as an enum member.
      const owner = tokenizeCached(current.getExpression().getText());
      if (owner.some((token) => token === 'purpose' || token === 'category' || token === 'consent' || token === 'scope')) {
        strings.push(current.getName());
      }
    }
    current.forEachChild((child) => {
      pending.push(child);
    });
  }
  return strings;
}

interface Anchor {
  index: number;
  /** Tokens of the anchor segment that are not the matched consent term: `marketingOptIn` leaves `marketing`. */
  rest: string[];
  /** The anchor's first word when it is not part of the consent term: `requireConsent` → `require`. */
  verb?: string;
  /** How many words come before the consent term: `getUserWithConsents` has 3. */
  wordsBefore: number;
  optOut: boolean;
}

function findAnchor(segments: Segment[], catalog: ConsentCatalog): Anchor | undefined {
  const dotted = segments.map((segment) => segment.name.toLowerCase());
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const suffix = dotted.slice(0, index + 1).join('.');
    if (catalog.userChecks.some((name) => suffix === name || suffix.endsWith(`.${name}`))) {
      return { index, rest: [], optOut: false, wordsBefore: 0 };
    }
    const tokens = tokenizeCached(segment.name);
    const optOut = findTerm(tokens, catalog.optOutTerms);
    const consent = findTerm(tokens, catalog.consentTerms) ?? findTerm(tokens, catalog.platformRoots);
    const match = optOut ?? consent;
    if (match !== undefined) {
      const rest = [...tokens.slice(0, match.start), ...tokens.slice(match.start + match.length)];
      // `globalPrivacyControl`, `marketingOptOut`: an opt-out term also names what is opted out of.
      const named = optOut !== undefined ? tokens : rest;
      const anchor: Anchor = { index, rest: named, optOut: optOut !== undefined, wordsBefore: match.start };
      if (match.start > 0) anchor.verb = tokens[0];
      return anchor;
    }
    // `req.get('Sec-GPC')`, `cookies.get('consent')`: the consent is named by the key a getter reads.
    if (segment.callArguments !== undefined && getterVerbs.has(tokens[0] ?? '')) {
      for (const argument of segment.callArguments) {
        if (!Node.isStringLiteral(argument)) continue;
        const keyTokens = tokenizeCached(argument.getLiteralValue());
        const keyOptOut = findTerm(keyTokens, catalog.optOutTerms);
        if (keyOptOut !== undefined || findTerm(keyTokens, catalog.consentTerms) !== undefined) {
          return { index, rest: [], optOut: keyOptOut !== undefined, wordsBefore: 0 };
        }
      }
    }
  }
  return undefined;
}

/** Recognises an expression that reads a consent API or field, with its polarity and purposes. */
export function readConsent(node: Node, catalog: ConsentCatalog, extraStrings: string[] = []): ConsentRead | undefined {
  const segments = segmentsOf(node);
  const anchor = findAnchor(segments, catalog);
  if (anchor === undefined) return undefined;
  const anchorSegment = segments[anchor.index]!;
  // `getUserWithConsents(id)` fetches a record that holds consents; it does not say whether they were given.
  const fetchesRecord = fetchVerbs.has(anchor.verb ?? '') && anchor.wordsBefore > 1 && anchorSegment.callArguments !== undefined;
  if (fetchesRecord && anchor.index === segments.length - 1) return undefined;
  const later = segments.slice(anchor.index + 1);
  // `categoryPreferences.Advertising`: the platform's own name says nothing about the purpose.
  const laterTokens = later.map((segment) => withoutPlatformRoot(tokenizeCached(segment.name), catalog));
  const verbs = [anchor.verb, ...laterTokens.map((tokens) => tokens[0])].filter((verb): verb is string => verb !== undefined);
  if (verbs.some((verb) => catalog.setterVerbs.has(verb))) return undefined;
  const nameTokens = [anchor.rest, ...laterTokens];
  if (nameTokens.some((tokens) => tokens.some((token) => catalog.falseFriends.has(token)))) return undefined;

  const refusalTerms = [...catalog.optOutTerms, ...catalog.refusalTerms];
  const optOut = anchor.optOut || nameTokens.some((tokens) => findTerm(tokens, refusalTerms) !== undefined);
  const purposes = new Set<string>();
  const addClass = (id: string | undefined): void => {
    if (id !== undefined) purposes.add(id);
  };
  for (const tokens of nameTokens) addClass(classifyTokens(tokens, catalog));
  const anchorTokens = tokenizeCached(anchorSegment.name);
  const before = anchor.index > 0 ? tokenizeCached(segments[anchor.index - 1]!.name).join(' ') : '';
  // IAB TCF: `tcData.purpose.consents[3]`, `tcData.vendor.consents[755]`, `IABTCF_PurposeConsents.charAt(2)`.
  const nextSegment = later[0];
  if (tcfConsentLists.has(anchorTokens.join(' ')) && nextSegment?.index !== undefined) {
    if (before === 'purpose') addClass(tcfPurposeClass(nextSegment.index, catalog));
  }
  if (anchorTokens.join(' ') === 'iabtcf purpose consent' || anchorTokens.join(' ') === 'purpose consent') {
    const position = nextSegment?.index ?? numericArgument(nextSegment);
    if (position !== undefined) addClass(tcfPurposeClass(position + 1, catalog));
  }
  for (const segment of segments.slice(anchor.index)) {
    for (const argument of segment.callArguments ?? []) {
      for (const text of stringsIn(argument)) addClass(classifyTokens(tokenizeCached(text), catalog));
    }
  }
  for (const text of extraStrings) addClass(classifyTokens(tokenizeCached(text), catalog));
  const vendorOnly = tcfConsentLists.has(anchorTokens.join(' ')) && before === 'vendor' && purposes.size === 0;
  const asserts = verbs.some((verb) => catalog.assertVerbs.has(verb));
  return {
    node,
    optOut,
    purposes: vendorOnly ? ['vendor'] : [...purposes].sort(),
    asserts,
  };
}

function numericArgument(segment: Segment | undefined): number | undefined {
  const argument = segment?.callArguments?.[0];
  return argument !== undefined && Node.isNumericLiteral(argument) ? argument.getLiteralValue() : undefined;
}
