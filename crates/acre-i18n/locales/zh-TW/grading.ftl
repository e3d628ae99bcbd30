## Grading questionnaire, target market and key-account criteria (CU11, CU13, CU14).
