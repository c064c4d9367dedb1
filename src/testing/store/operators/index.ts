export { applyToDefault, applyToStored, storedNumber } from './apply.js';
export { Operator } from './operator.js';
export { parseOperators } from './parse.js';
export { operatorProblem, type CurrentValue } from './validate.js';
