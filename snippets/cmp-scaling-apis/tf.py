import tensorflow as tf

# What this build of TensorFlow ships for training on many devices and machines.
# A strategy's scope() decides where the model's variables live; fit() follows it.
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
