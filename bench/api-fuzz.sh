#!/bin/sh
# Long run of the API fuzz test (src/api/openapi-fuzz.test.ts): every OpenAPI operation, as an
# administrator and anonymously, ROUNDS times for each seed in SEEDS. CI runs two rounds of one seed.
# Run: npm run bench:api-fuzz   (SEEDS="1 2 3" ROUNDS=30; TEST_DATABASE_URL=postgres://… for PostgreSQL)
set -e
for seed in ${SEEDS:-1 2 3}; do
  FUZZ_SEED=$seed FUZZ_ROUNDS=${ROUNDS:-30} npx vitest run src/api/openapi-fuzz.test.ts
done
