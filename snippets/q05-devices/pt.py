import torch
from torch import nn

torch.manual_seed(0)

# List what PyTorch can use: the CPU always, an accelerator (such as a CUDA GPU) when
# present.
count = torch.accelerator.device_count()
print(f"accelerator available: {torch.accelerator.is_available()}, count: {count}")
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
for index in range(count):
    print(
        f"  {device.type}:{index}: "
        f"{torch.get_device_module(device).get_device_name(index)}"
    )
print(f"Using {device} device")

# Hard-coding "cuda" fails where there is no CUDA GPU; the device variable above
# avoids that.
if device.type != "cuda":
    raised = None
    try:
        torch.zeros(1).to("cuda")
    except (AssertionError, RuntimeError) as error:
        raised = type(error)
        print(f"'cuda' without a GPU: {raised.__name__}: {error}")
    assert raised is not None  # proof: named-gpu
    # Which error depends on the build: a CPU-only build stops at its own check, a CUDA
    # build (what pip installs on Linux by default) looks for a driver and finds none.
    print(f"this build's CUDA version: {torch.version.cuda}")
    # proof: error-by-build
    assert raised is (AssertionError if torch.version.cuda is None else RuntimeError)

# New tensors live on the CPU until they are created on or moved to another device,
# and an operation runs where its inputs are.
created = torch.tensor([[1.0, 2.0, 3.0]])
print(f"created on: {created.device}")
doubled = created * 2
print(f"operation result on: {doubled.device}")
# proof: cpu-default
assert created.device.type == "cpu" and doubled.device.type == "cpu"
x = created.to(device)
print(f"after the move: {x.device}")
# Tensor.to returns a tensor on the target device and leaves the original where it was.
# proof: move-tensor
assert x.device.type == device.type and created.device.type == "cpu"
# It returns the tensor itself when nothing has to change, and a copy otherwise (for a
# new dtype, or for the move above when the device is not the CPU).
same, new_dtype = created.to("cpu"), created.to(torch.float64)
# proof: to-same-or-copy
assert (
    same is created
    and new_dtype is not created
    and (x is created) == (device.type == "cpu")
)

# A model moves all its parameters with one call; inputs must be on the same device.
model = nn.Linear(3, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.5, -1.0, 2.0]]))
    model.bias.fill_(0.25)
# Module.to moves the parameters in place and returns the same module.
assert model.to(device) is model  # proof: model-in-place
print(f"variable on: {model.weight.device}")
output = model(x)
print(f"output on: {output.device}")
# proof: same-device
assert output.device.type == device.type and model.weight.device.type == device.type

# Mixing devices in one operation is an error in PyTorch (a 0-dim CPU tensor is the one
# exception), and NumPy cannot read device memory.
if device.type != "cpu":
    mixed_failed = False
    try:
        model(x.cpu())
    except RuntimeError as error:
        mixed_failed = True
        print(f"accelerator model on a CPU tensor: {type(error).__name__}")
    assert mixed_failed  # proof: mixed-devices
    numpy_failed = False
    try:
        output.detach().numpy()
    except TypeError as error:
        numpy_failed = True
        print(f".numpy() on {device.type}: TypeError: {error}")
    assert numpy_failed  # proof: numpy-needs-cpu

# Pinning work to the CPU: create or move the tensors there.
on_cpu = model.to("cpu")(x.cpu())
print(f"pinned to: {on_cpu.device}")
assert on_cpu.device.type == "cpu"  # proof: pin-cpu

# NumPy only reads CPU memory, so results come back with .cpu() first.
result = output.detach().cpu().numpy()
print(f"result: {result}")
