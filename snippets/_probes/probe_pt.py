"""Run after each PyTorch snippet: report the framework version and the device it would use."""

import torch

_device = (
    f"gpu: {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else "cpu"
)
RUN_INFO = {"version": f"torch {torch.__version__}", "device": _device}
