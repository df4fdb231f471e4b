"""Run after each TensorFlow snippet: report the framework version and the device it would use."""

import keras
import tensorflow as tf

_gpus = tf.config.list_physical_devices("GPU")
_device = (
    f"gpu: {tf.config.experimental.get_device_details(_gpus[0]).get('device_name', 'GPU')}"
    if _gpus
    else "cpu"
)
RUN_INFO = {
    "version": f"tensorflow {tf.__version__}, keras {keras.__version__}",
    "device": _device,
}
