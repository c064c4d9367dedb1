export { applyToDefault, applyToStored, storedNumber } from './apply.js';
export { isOperatorMethod, Operator, OPERATOR_METHODS, type OperatorMethod } from './operator.js';
export { parseOperators } from './parse.js';
export { operatorProblem, type CurrentValue } from './validate.js';
