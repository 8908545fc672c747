// The ajv options shared by the server's validation (validate.ts) and the browser form's validator,
// so both accept exactly the same values.
// strictNumbers: NaN and Infinity are not numbers on the wire. unicode false: maxLength counts
// UTF-16 code units, as the platforms (Java's String.length) and the form's counter do.
export const AJV_OPTIONS = { allErrors: true, strict: false, strictNumbers: true, unicode: false } as const;
