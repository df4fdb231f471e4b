import torch
from torch import nn

torch.manual_seed(0)

# List what PyTorch can use: the CPU always, CUDA GPUs when a driver and a GPU are present.
print(f"CUDA available: {torch.cuda.is_available()}, GPUs: {torch.cuda.device_count()}")
for index in range(torch.cuda.device_count()):
    print(f"  cuda:{index}: {torch.cuda.get_device_name(index)}")
device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"Using {device} device")

# Hard-coding "cuda" fails where there is no GPU; the device variable above avoids that.
if not torch.cuda.is_available():
    failed = False
    try:
        torch.zeros(1).to("cuda")
    except (AssertionError, RuntimeError) as error:
        failed = True
        print(f"'cuda' without a GPU: {type(error).__name__}: {error}")
    assert failed

# New tensors live on the CPU until they are created on or moved to another device.
created = torch.tensor([[1.0, 2.0, 3.0]])
print(f"created on: {created.device}")
x = created.to(device)
print(f"after the move: {x.device}")
# Tensor.to returns a tensor on the target device and leaves the original where it was.
assert x.device.type == device and created.device.type == "cpu"

# A model moves all its parameters with one call; inputs must be on the same device.
model = nn.Linear(3, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.5, -1.0, 2.0]]))
    model.bias.fill_(0.25)
# Module.to moves the parameters in place and returns the same module.
assert model.to(device) is model
output = model(x)
print(f"output on: {output.device}")
assert output.device.type == device

# Mixing devices in one operation is an error in PyTorch.
if device == "cuda":
    mixed_failed = False
    try:
        model(x.cpu())
    except RuntimeError as error:
        mixed_failed = True
        print(f"GPU model on a CPU tensor: {type(error).__name__}")
    assert mixed_failed

# Pinning work to the CPU: create or move the tensors there.
on_cpu = model.to("cpu")(x.cpu())
print(f"pinned to: {on_cpu.device}")
assert on_cpu.device.type == "cpu"

# NumPy only reads CPU memory, so results come back with .cpu() first.
result = output.detach().cpu().numpy()
print(f"result: {result}")
