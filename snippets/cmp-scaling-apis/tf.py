import keras
import tensorflow as tf

# What this build of TensorFlow ships for training on many devices and machines.
# A strategy's scope() decides where the model's variables live.
approaches = {
    "one machine, several devices": "MirroredStrategy",
    "several machines": "MultiWorkerMirroredStrategy",
    "TPU pods": "TPUStrategy",
    "parameter servers": "ParameterServerStrategy",
}
for approach, name in approaches.items():
    assert hasattr(tf.distribute, name)
    print(f"{approach}: tf.distribute.{name}")

# The default strategy, in force outside any scope, runs a single replica.
replicas = tf.distribute.get_strategy().num_replicas_in_sync
print(f"replicas outside a strategy scope: {replicas}")
assert replicas == 1

# A Keras model built inside a scope keeps that strategy, and fit runs its steps
# through it; one built outside gets the default strategy.
strategy = tf.distribute.MirroredStrategy()
with strategy.scope():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
outside = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
print(f"model built in the scope keeps it: {model.distribute_strategy is strategy}")
# proof: model-keeps-strategy
assert (
    model.distribute_strategy is strategy
    and outside.distribute_strategy is not strategy
)

# ParameterServerStrategy documents Model.fit with tf.keras's DatasetCreator, a Keras 2
# class that Keras 3, TensorFlow's tf.keras, does not have.
experimental = getattr(tf.keras.utils, "experimental", None)
dataset_creator = hasattr(experimental, "DatasetCreator")
print(f"tf.keras.utils has DatasetCreator: {dataset_creator}")
assert not dataset_creator  # proof: no-dataset-creator
