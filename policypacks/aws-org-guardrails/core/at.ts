/**
 * The element at an index the code has made sure exists: a loop bound, a position just found,
 * the first part of a `split`, a regular expression's group that is not optional. The compiler
 * types every `items[i]` as possibly `undefined` (`noUncheckedIndexedAccess`); `at` states the
 * invariant where it is relied on and, should it ever break, fails at once, naming the index,
 * rather than letting an `undefined` travel on. (An element stored as `undefined` counts as
 * missing: `at` is for lists whose elements are values.)
 */
export function at<T>(items: ArrayLike<T>, index: number): T {
    const item = items[index];
    if (item === undefined) throw new RangeError(`Internal error: index ${index} is outside the ${items.length} element(s) the code relies on.`);
    return item;
}
