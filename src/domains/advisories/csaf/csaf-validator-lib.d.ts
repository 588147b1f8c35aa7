/**
 * Types for the parts of @secvisogram/csaf-validator-lib (plain JavaScript without bundled types)
 * that `validate.ts` uses. `basic.js` exports the strict CSAF 2.0 schema test and the mandatory
 * tests, each a function named after the test (README: "Module basic.js").
 */
declare module '@secvisogram/csaf-validator-lib/basic.js' {
  export interface CsafTestMessage {
    message: string;
    instancePath: string;
  }
  export interface CsafTestResult {
    isValid?: boolean;
    errors?: CsafTestMessage[];
    warnings?: CsafTestMessage[];
    infos?: CsafTestMessage[];
  }
  /** The library's tests take any JSON value. */
  export type DocumentTest = (doc: unknown) => CsafTestResult | Promise<CsafTestResult>;
  export const csaf_2_0_strict: DocumentTest;
  export const mandatoryTest_6_1_1: DocumentTest;
  export const mandatoryTest_6_1_2: DocumentTest;
  export const mandatoryTest_6_1_3: DocumentTest;
  export const mandatoryTest_6_1_4: DocumentTest;
  export const mandatoryTest_6_1_5: DocumentTest;
  export const mandatoryTest_6_1_6: DocumentTest;
  export const mandatoryTest_6_1_7: DocumentTest;
  export const mandatoryTest_6_1_9: DocumentTest;
  export const mandatoryTest_6_1_10: DocumentTest;
  export const mandatoryTest_6_1_11: DocumentTest;
  export const mandatoryTest_6_1_12: DocumentTest;
  export const mandatoryTest_6_1_13: DocumentTest;
  export const mandatoryTest_6_1_14: DocumentTest;
  export const mandatoryTest_6_1_15: DocumentTest;
  export const mandatoryTest_6_1_16: DocumentTest;
  export const mandatoryTest_6_1_17: DocumentTest;
  export const mandatoryTest_6_1_18: DocumentTest;
  export const mandatoryTest_6_1_19: DocumentTest;
  export const mandatoryTest_6_1_20: DocumentTest;
  export const mandatoryTest_6_1_21: DocumentTest;
  export const mandatoryTest_6_1_22: DocumentTest;
  export const mandatoryTest_6_1_23: DocumentTest;
  export const mandatoryTest_6_1_24: DocumentTest;
  export const mandatoryTest_6_1_25: DocumentTest;
  export const mandatoryTest_6_1_26: DocumentTest;
  export const mandatoryTest_6_1_27_1: DocumentTest;
  export const mandatoryTest_6_1_27_2: DocumentTest;
  export const mandatoryTest_6_1_27_3: DocumentTest;
  export const mandatoryTest_6_1_27_4: DocumentTest;
  export const mandatoryTest_6_1_27_5: DocumentTest;
  export const mandatoryTest_6_1_27_6: DocumentTest;
  export const mandatoryTest_6_1_27_7: DocumentTest;
  export const mandatoryTest_6_1_27_8: DocumentTest;
  export const mandatoryTest_6_1_27_9: DocumentTest;
  export const mandatoryTest_6_1_27_10: DocumentTest;
  export const mandatoryTest_6_1_27_11: DocumentTest;
  export const mandatoryTest_6_1_28: DocumentTest;
  export const mandatoryTest_6_1_29: DocumentTest;
  export const mandatoryTest_6_1_30: DocumentTest;
  export const mandatoryTest_6_1_31: DocumentTest;
  export const mandatoryTest_6_1_32: DocumentTest;
  export const mandatoryTest_6_1_33: DocumentTest;
}

declare module '@secvisogram/csaf-validator-lib/validate.js' {
  import type { CsafTestMessage, DocumentTest } from '@secvisogram/csaf-validator-lib/basic.js';
  export interface CsafValidationResult {
    isValid: boolean;
    tests: {
      name: string;
      isValid: boolean;
      errors: CsafTestMessage[];
      warnings: CsafTestMessage[];
      infos: CsafTestMessage[];
    }[];
  }
  /** Runs the given tests in order; the caller vouches that they are the library's own. */
  export default function validate(tests: DocumentTest[], doc: unknown): Promise<CsafValidationResult>;
}
