/** Party dues: the monthly amount, which months a payment covers, and what people type about dues. */

export {
  addMonths,
  allocatePayment,
  compareMonths,
  consecutiveUnpaid,
  lateThrough,
  MAX_ADVANCE_MONTHS,
  type MonthCover,
  monthsBetween,
  type PaymentAllocation,
  type PaymentAllocationInput,
} from './allocation.js';
export {
  type DuesAmount,
  type DuesInput,
  type DuesRounding,
  FARMER_MAX_FEN,
  FLAT_FEN,
  formatFenPlain,
  formatYuan,
  MONTHLY_CAP_FEN,
  monthlyDuesFen,
} from './calculator.js';
export {
  type IncomeQuestion,
  MAX_MONTHS_PER_PAYMENT,
  PAYMENT_ERRORS,
  type PaymentAmount,
  type PaymentCommandResult,
  type PaymentMethod,
  type PaymentProxy,
  type PaymentRequest,
  parseDuesQuestion,
  parseIncomeQuestion,
  parsePaymentCommand,
} from './payment-command.js';
