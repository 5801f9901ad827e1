# Sourced by the bench scripts whose benchmark code lives with a module's tests: compiles
# TEST_MODULE and its test classes with the reactor (no install) and sets TEST_CP to the test
# classes and classes of each module in TEST_CLASSES (TEST_MODULE when unset), then parley-crypto's
# classes and the test-scope dependencies. Cleans up its work directory itself.
#
#   TEST_MODULE=parley-server TEST_CLASSES="parley-server parley-protocol" source bench/test-classpath.sh
TEST_WORK=$(mktemp -d)
./mvnw -B -q -pl "$TEST_MODULE" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$TEST_WORK/cp.txt" -Dmdep.includeScope=test >"$TEST_WORK/build.log" 2>&1 \
    || { echo "build failed:"; tail -30 "$TEST_WORK/build.log"; rm -rf "$TEST_WORK"; exit 1; }
TEST_CP=""
for module in ${TEST_CLASSES:-$TEST_MODULE}; do
    TEST_CP="$TEST_CP$module/target/test-classes:$module/target/classes:"
done
TEST_CP="${TEST_CP}parley-crypto/target/classes:$(cat "$TEST_WORK/cp.txt")"
rm -rf "$TEST_WORK"
export TEST_CP
