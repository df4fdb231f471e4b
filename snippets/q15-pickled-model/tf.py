import keras

keras.utils.set_random_seed(0)


@keras.saving.register_keras_serializable(package="demo")
class Scale(keras.layers.Layer):
    def call(self, x):
        return 2.0 * x


# A .keras file stores the architecture as JSON config plus the weights; a Lambda layer
# stores the bytecode of its Python function, and a custom class is stored by its name.
model = keras.Sequential(
    [
        keras.Input((4,)),
        Scale(),
        keras.layers.Lambda(lambda t: t + 1),
        keras.layers.Dense(3),
    ]
)
model.save("model.keras")

# load_model defaults to safe_mode=True and refuses to rebuild the lambda's bytecode.
try:
    keras.models.load_model("model.keras")
    refused = False
except ValueError as error:
    # Refused because of the Lambda layer, not for another reason.
    refused = "`Lambda` layer" in str(error)
    print(f"load_model refused: {str(error).split('.')[0]}")
assert refused  # proof: safe-mode

# safe_mode=False runs the stored bytecode: only ever do it for a file you trust.
restored = keras.models.load_model("model.keras", safe_mode=False)
print(f"safe_mode=False gives: {type(restored).__name__}")
assert type(restored).__name__ == "Sequential"  # proof: trusted-load

# The file names the class but does not contain its code: a program that never
# registered Scale (mimicked here by clearing the registry) cannot load it.
keras.saving.get_custom_objects().clear()
try:
    keras.models.load_model("model.keras", safe_mode=False)
    failed = False
except TypeError as error:
    failed = True
    print(
        "after the class is gone: "
        f"{str(error).split('encountered: ')[-1].split('.')[0]}"
    )
assert failed  # proof: class-gone
