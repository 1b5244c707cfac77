// Types for fresh-bundle.js (plain JavaScript: it runs before TypeScript can be loaded).
export declare const BUNDLE: string;
export declare const BUNDLE_INPUTS: readonly string[];
export declare function freshBundle(root: string): string | undefined;
export declare function newestChange(target: string): number;
