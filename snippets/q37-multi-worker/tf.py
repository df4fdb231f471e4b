import json
import os
import socket
import subprocess
import sys
import traceback

import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_tensor_float_32_execution(False)  # Full float32 on GPUs.

# The same seeded data and starting weights in both files: 64 samples, a linear model.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = (x @ rng.normal(size=(4, 1)) + 0.1 * rng.normal(size=(64, 1))).astype("float32")
start_kernel = rng.normal(size=(4, 1)).astype("float32")
steps, learning_rate, world_size = 20, 0.1, 2


def train(strategy):
    with strategy.scope():
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
        model.layers[0].set_weights([start_kernel, np.zeros(1, "float32")])
        optimizer = keras.optimizers.SGD(learning_rate)

    # Each worker reads its own slice of the data.
    def shard(context):
        size = len(x) // context.num_input_pipelines
        part = slice(
            context.input_pipeline_id * size, (context.input_pipeline_id + 1) * size
        )
        return (
            tf.data.Dataset.from_tensor_slices((x[part], y[part])).batch(size).repeat()
        )

    batches = iter(strategy.distribute_datasets_from_function(shard))

    # Each replica divides its summed loss by the global batch size; the optimizer then
    # sums the gradients of all replicas, which gives the full batch's mean gradient.
    @tf.function
    def step(x_part, y_part):
        with tf.GradientTape() as tape:
            squared = tf.square(model(x_part) - y_part)[:, 0]
            loss = tf.nn.compute_average_loss(squared, global_batch_size=len(x))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    for _ in range(steps):
        strategy.run(step, args=next(batches))
    return model.layers[0].get_weights()


if "TF_CONFIG" in os.environ:
    # A worker. The strategy reads the cluster and this worker's index from
    # TF_CONFIG; it must be created before any other TensorFlow operation runs.
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    # Keras 3's model.fit fails under this strategy, hence the hand-written loop above.
    # Keras hides its own frames in tracebacks; showing them tells where fit fails.
    keras.config.disable_traceback_filtering()
    with strategy.scope():
        fit_model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
        fit_model.compile(optimizer="sgd", loss="mse")
    try:
        fit_model.fit(x, y, batch_size=len(x), verbose=0)
        fit_error = None
    except ValueError as error:
        fit_error = str(error).splitlines()
        frames = [frame.name for frame in traceback.extract_tb(error.__traceback__)]
    # It fails while building the model from a batch reduced across the workers.
    # proof: fit-fails-multi-worker
    assert (
        fit_error is not None
        and "PerReplica" in fit_error[0]
        and frames[frames.index("fit") + 1] == "_maybe_symbolic_build"
    )
    # ParameterServerStrategy documents fit with tf.keras.utils.experimental's
    # DatasetCreator, a Keras 2 class: Keras 3, TensorFlow's tf.keras, lacks it.
    utils = tf.keras.utils
    dataset_creator = hasattr(getattr(utils, "experimental", utils), "DatasetCreator")
    assert not dataset_creator  # proof: no-dataset-creator
    kernel, bias = train(strategy)
    # Worker 0 saves the weights in the working directory, which the launcher shares.
    if strategy.cluster_resolver.task_id == 0:
        np.savez("weights.npz", kernel=kernel, bias=bias)
        print(f"model.fit raised ValueError: {fit_error[0]} ... {fit_error[-1]}")
        print(
            "raised in: "
            f"{' -> '.join(frames[frames.index('fit') : frames.index('fit') + 3])}"
        )
        print(f"tf.keras.utils has DatasetCreator: {dataset_creator}")
else:
    # The launcher: start this same file once per worker, each told the cluster's
    # addresses and its own index, then wait. The workers share this machine's
    # CPU.
    sockets = [socket.socket() for _ in range(world_size)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    cluster = {"worker": [f"127.0.0.1:{s.getsockname()[1]}" for s in sockets]}
    for s in sockets:
        s.close()
    workers = []
    for index in range(world_size):
        tf_config = {"cluster": cluster, "task": {"type": "worker", "index": index}}
        env = {
            **os.environ,
            "TF_CONFIG": json.dumps(tf_config),
            "CUDA_VISIBLE_DEVICES": "",
        }
        workers.append(subprocess.Popen([sys.executable, __file__], env=env))
    assert all(worker.wait() == 0 for worker in workers)
    saved = np.load("weights.npz")
    kernel, bias = saved["kernel"], saved["bias"]

    # The same training in one process, on all 64 samples at once, with Keras's own
    # loop and its mean loss: a reference that does not share the workers' loss code.
    single = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    single.layers[0].set_weights([start_kernel, np.zeros(1, "float32")])
    single.compile(optimizer=keras.optimizers.SGD(learning_rate), loss="mse")
    single.fit(x, y, batch_size=len(x), epochs=steps, shuffle=False, verbose=0)
    single_kernel, single_bias = single.layers[0].get_weights()
    difference = max(
        np.abs(kernel - single_kernel).max(), np.abs(bias - single_bias).max()
    )
    print(f"kernel after {steps} steps on {world_size} workers: {kernel.flatten()}")
    print(f"largest difference from one process: {difference:.2e}")
    assert difference < 1e-6  # proof: workers-match-one-process
