// Validates SARIF logs against the official SARIF 2.1.0 JSON schema (rtm.5, the one code scanning
// documents), as shipped by the @microsoft/jest-sarif package. The schema is draft-04.
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import schema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema has a pattern invalid under the u flag;
addFormats(ajv);
const validate = ajv.compile(schema);

/** Schema errors as readable lines; empty when the log is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
