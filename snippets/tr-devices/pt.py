import numpy as np
import torch
from torch import nn

# threads: set before any work; TensorFlow refuses the change once it has run an op.
torch.set_num_threads(1)
threads = torch.get_num_threads()
print(f"threads: {threads}")

# pick_device: PyTorch runs where you put the tensors; TensorFlow puts ops on a GPU by
# itself when it sees one.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
assert not torch.backends.cuda.matmul.allow_tf32  # The default: no TF32 in matmuls.
torch.backends.cuda.matmul.fp32_precision = "ieee"  # Full float32 on GPUs too.
# The same seeded inputs in both files: every row below is compared with the TensorFlow
# file.
rng = np.random.default_rng(0)
a = rng.standard_normal((3, 4)).astype(np.float32)
b = rng.standard_normal((4, 2)).astype(np.float32)
t = torch.tensor(a, device=device)
pick_device = t @ torch.tensor(b, device=device)
assert pick_device.device.type == device.type
print(f"pick_device: computed on {pick_device.device}")

# to_cpu: move a tensor, or run ops on the CPU.
to_cpu = t.cpu() @ torch.tensor(b)
assert to_cpu.device.type == "cpu"
print(f"to_cpu: {to_cpu.device}")

# default_dtype: PyTorch's default changes what factory functions make; Keras's floatx
# changes Keras layers and variables only, not tf.constant.
torch.set_default_dtype(torch.float64)
assert torch.zeros(1).dtype == torch.float64
layer = nn.Linear(4, 2).to(device)
with torch.no_grad():
    layer.weight.copy_(torch.tensor(b.T, dtype=torch.float64))
    layer.bias.zero_()
default_dtype = layer(t.double())
assert default_dtype.dtype == torch.float64
torch.set_default_dtype(torch.float32)
print(f"default_dtype: {default_dtype.dtype}")

# half: float16 rounding is the same in both.
half = t.half().float()
print(f"half: {half[0].tolist()}")

# bfloat16: bfloat16 rounding (to nearest, ties to even) is the same in both.
bfloat16 = t.to(torch.bfloat16).float()
# Each value lies halfway between two bfloat16 numbers.
tie = torch.tensor([1 + 2**-8, 1 + 3 * 2**-8], device=device)
assert tie.to(torch.bfloat16).float().tolist() == [1.0, 1 + 2**-6]
print(f"bfloat16: {bfloat16[0].tolist()}")

# autocast: PyTorch picks a dtype per op inside the block; a Keras dtype policy gives
# each layer a compute dtype and keeps its variables in float32.
dense = nn.Linear(4, 2).to(device)
with torch.no_grad():
    dense.weight.copy_(torch.from_numpy(b.T))
    dense.bias.zero_()
with torch.autocast(device_type=device.type, dtype=torch.bfloat16):
    mixed = dense(t)
assert mixed.dtype == torch.bfloat16 and dense.weight.dtype == torch.float32
autocast = mixed.float()
print(f"autocast: output {mixed.dtype}, weights {dense.weight.dtype}")

# grad_scaler: scale the loss up, the gradients back down; the step is the one without
# scaling.
w = torch.tensor(b, device=device, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
scaler = torch.amp.GradScaler(device.type, init_scale=1024.0)
scaler.scale((t @ w).square().mean()).backward()
scaler.step(opt)
scaler.update()
grad_scaler = w.detach()
plain = torch.tensor(b, device=device, requires_grad=True)
(t @ plain).square().mean().backward()
step = plain.detach() - 0.1 * plain.grad  # The unscaled SGD step.
assert (grad_scaler - step).abs().max().item() < 1e-7
print(f"grad_scaler: {grad_scaler[0].tolist()}")

# tf32: TensorFlow allows TF32 by default (used on Ampere or newer GPUs); PyTorch's
# matmuls stay float32 unless asked (asserted at the top), its cuDNN convolutions and
# RNNs allow TF32.
cudnn = torch.backends.cudnn
assert cudnn.conv.fp32_precision == "tf32" and cudnn.rnn.fp32_precision == "tf32"
torch.backends.cuda.matmul.fp32_precision = "tf32"
torch.backends.cuda.matmul.fp32_precision = "ieee"  # And back to full float32.
tf32 = pick_device
print(f"tf32: matmul fp32_precision {torch.backends.cuda.matmul.fp32_precision}")

# determinism: ask for deterministic kernels, or an error where none exists.
torch.use_deterministic_algorithms(True)
determinism = t.sum(dim=0)
assert torch.equal(determinism, t.sum(dim=0))
torch.use_deterministic_algorithms(False)
print(f"determinism: {determinism.tolist()}")
