/** A phantom marker carrying a method's output type; it holds no value at run time. */
export const returns = <T>() => undefined as unknown as T;
